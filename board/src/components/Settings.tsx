import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { ScopeSpec } from '../api/types';
import { fieldErrors, formFromScope, localErrors, toPatch, type SettingsField, type SettingsForm } from '../model/settings';
import { problemNotice } from '../model/notice';
import { VIEWER_REASON } from '../model/words';

interface FieldProps {
  id: SettingsField;
  label: string;
  hint?: string;
  error?: string;
  children: preact.ComponentChildren;
}

function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={`setting-${id}`}>{label}</label>
      {children}
      {hint && <small id={`setting-${id}-hint`}>{hint}</small>}
      {error && (
        <p class="field-error" id={`setting-${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The cluster's scope. Viewers see the two periods read-only; admins see and change everything. */
export function Settings(props: { client: ApiClient; cluster: string; canAct: boolean; onClose: () => void; onSaved: (s: ScopeSpec) => void }) {
  const [scope, setScope] = useState<ScopeSpec | undefined>();
  const [form, setForm] = useState<SettingsForm | undefined>();
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const first = useRef<HTMLInputElement>(null);

  const load = async () => {
    const s = await props.client.scope(props.cluster);
    setScope(s);
    setForm(formFromScope(s));
  };
  useEffect(() => {
    load().catch((e: Error) => setGeneral(e.message));
  }, [props.cluster]);
  useEffect(() => first.current?.focus(), [form === undefined]);

  const set = <K extends SettingsField>(k: K, v: SettingsForm[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const input = (k: SettingsField, extra: Record<string, unknown> = {}) => ({
    id: `setting-${k}`,
    disabled: !props.canAct,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `setting-${k}-error` : undefined,
    ...extra,
  });

  const save = async (e: Event) => {
    e.preventDefault();
    if (!form || !scope) return;
    const local = localErrors(form);
    setErrors(local);
    setGeneral(undefined);
    if (Object.keys(local).length) return;
    const patch = toPatch(scope, form);
    if (Object.keys(patch).length === 0) return props.onClose();
    try {
      props.onSaved(await props.client.patchScope(props.cluster, patch));
    } catch (err) {
      const found = fieldErrors(err);
      setErrors(found.fields);
      if (found.general) setGeneral(problemNotice(err, [props.cluster]).text);
      if ((err as { status?: number }).status === 409) await load();
    }
  };

  return (
    <div class="overlay" onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="settings-title">
        <form class="dialog-form" onSubmit={(e) => void save(e)} noValidate>
          <h2 id="settings-title">Global settings</h2>
          {!props.canAct && <p class="notice">{VIEWER_REASON}</p>}
          {general && (
            <p role="alert" class="notice error">
              {general}
            </p>
          )}
          {!form ? (
            <p aria-busy="true">Loading…</p>
          ) : (
            <>
              <Field id="stabilizationPeriod" label="Stabilization period" hint="How long a recommendation must stay unchanged to be Stable." error={errors.stabilizationPeriod}>
                <input ref={first} {...input('stabilizationPeriod')} value={form.stabilizationPeriod} onInput={(e) => set('stabilizationPeriod', e.currentTarget.value)} />
              </Field>
              <Field id="interval" label="Processing interval" hint="How often new flow logs are processed (at least 30s)." error={errors.interval}>
                <input {...input('interval')} value={form.interval} onInput={(e) => set('interval', e.currentTarget.value)} />
              </Field>
              {props.canAct && (
                <>
                  <Field id="recStatus" label="Recommendations" error={errors.recStatus}>
                    <select {...input('recStatus')} value={form.recStatus} onChange={(e) => set('recStatus', e.currentTarget.value as SettingsForm['recStatus'])}>
                      <option value="Enabled">Enabled</option>
                      <option value="Disabled">Disabled</option>
                    </select>
                  </Field>
                  <Field
                    id="selector"
                    label="Namespace selector"
                    hint="Calico selector over namespace labels; namespaces outside it get no recommendation."
                    error={errors.selector}
                  >
                    <textarea {...input('selector')} rows={3} value={form.selector} onInput={(e) => set('selector', e.currentTarget.value)} />
                  </Field>
                  <Field id="initialLookback" label="Initial lookback" hint="How far back the first run reads flow logs." error={errors.initialLookback}>
                    <input {...input('initialLookback')} value={form.initialLookback} onInput={(e) => set('initialLookback', e.currentTarget.value)} />
                  </Field>
                  <Field id="maxRules" label="Max rules" hint="Per direction; beyond it learning stops with a warning." error={errors.maxRules}>
                    <input {...input('maxRules', { inputMode: 'numeric' })} value={form.maxRules} onInput={(e) => set('maxRules', e.currentTarget.value)} />
                  </Field>
                  <Field
                    id="policiesLearningCutOff"
                    label="Learning cut-off"
                    hint="Policies evaluated before traffic counts as already decided."
                    error={errors.policiesLearningCutOff}
                  >
                    <input
                      {...input('policiesLearningCutOff', { inputMode: 'numeric' })}
                      value={form.policiesLearningCutOff}
                      onInput={(e) => set('policiesLearningCutOff', e.currentTarget.value)}
                    />
                  </Field>
                  <div class="field">
                    <label>
                      <input
                        type="checkbox"
                        {...input('intraNamespacePassThroughTraffic')}
                        checked={form.intraNamespacePassThroughTraffic}
                        onChange={(e) => set('intraNamespacePassThroughTraffic', e.currentTarget.checked)}
                      />{' '}
                      Intra-namespace pass-through
                    </label>
                    {errors.intraNamespacePassThroughTraffic && <p class="field-error">{errors.intraNamespacePassThroughTraffic}</p>}
                  </div>
                </>
              )}
            </>
          )}
          <div class="toolbar end">
            <button type="button" onClick={props.onClose}>
              {props.canAct ? 'Cancel' : 'Close'}
            </button>
            <button type="submit" class="primary" disabled={!props.canAct || !form} title={props.canAct ? undefined : VIEWER_REASON}>
              Save
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
