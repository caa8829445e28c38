import { AsyncLocalStorage } from 'node:async_hooks';
import type { Middleware, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { ClusterTimeoutError } from '../../app/push/errors';

/**
 * One deadline per port call, however many HTTP requests the call makes (discovery, pages).
 * The abort signal travels to every request of the call through async context, so the sockets
 * are closed when the deadline passes instead of lingering after the call gave up.
 */
const callSignal = new AsyncLocalStorage<AbortSignal>();

export const deadlineMiddleware: Middleware = {
  async pre(context: RequestContext): Promise<RequestContext> {
    const signal = callSignal.getStore();
    if (signal) context.setSignal(signal);
    return context;
  },
  async post(context: ResponseContext): Promise<ResponseContext> {
    return context;
  },
};

export async function withDeadline<T>(target: string, operation: string, timeoutMs: number, call: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ClusterTimeoutError(target, operation, timeoutMs));
    }, timeoutMs);
  });
  try {
    // The race also covers work that ignores the signal (e.g. a stalled response body).
    return await Promise.race([callSignal.run(controller.signal, call), expired]);
  } catch (err) {
    if (controller.signal.aborted) throw new ClusterTimeoutError(target, operation, timeoutMs);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
