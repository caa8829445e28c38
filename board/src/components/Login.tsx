import { useState } from 'preact/hooks';
import type { PageConfig } from '../api/types';
import { startSignIn } from '../auth/oidc';

/** Sign in with the configured OIDC provider, or paste a token (`npm start` prints one). */
export function Login(props: { config: PageConfig; storage: Storage; message?: string; onToken: (token: string) => void }) {
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | undefined>();
  const oidc = props.config.oidc;
  return (
    <main class="login">
      <h1>Policy Recommendations</h1>
      {props.message && (
        <p role="alert" class="notice warn">
          {props.message}
        </p>
      )}
      {oidc && (
        <p>
          <button type="button" class="primary" onClick={() => void startSignIn(oidc, props.storage).catch((e: Error) => setError(e.message))}>
            Sign in
          </button>{' '}
          with {new URL(oidc.issuer).host}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const t = pasted.trim();
          if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(t)) return setError('That is not a JWT (three base64url parts separated by dots).');
          props.onToken(t);
        }}
      >
        <label for="token">{oidc ? 'Or paste a token' : 'Paste a token'}</label>
        <textarea id="token" rows={4} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Use token</button>
      </form>
    </main>
  );
}
