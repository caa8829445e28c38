import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { PageConfig } from '../api/types';
import { decodeClaims, isExpired, roleOf, storedToken, storeToken } from '../auth/token';
import { finishSignIn } from '../auth/oidc';
import { Login } from './Login';
import { Workspace } from './Workspace';

/** Signs in (fragment token, OIDC or pasted token), then shows the clusters and their boards. */
export function App({ storage }: { storage: Storage }) {
  const [token, setToken] = useState<string | undefined>(() => storedToken(storage));
  const [config, setConfig] = useState<PageConfig>({ oidc: null });
  const [message, setMessage] = useState<string | undefined>();

  const signOut = (why?: string) => {
    storeToken(storage, undefined);
    setToken(undefined);
    setMessage(why);
  };
  const client = useMemo(
    () =>
      new ApiClient(
        () => token,
        () => signOut('Your session has expired or the token was refused: sign in again.'),
      ),
    [token],
  );

  useEffect(() => {
    void client
      .pageConfig()
      .then(async (c) => {
        setConfig(c);
        if (c.oidc) {
          const signedIn = await finishSignIn(c.oidc, storage);
          if (signedIn) {
            storeToken(storage, signedIn);
            setToken(signedIn);
          }
        }
      })
      .catch((err: Error) => setMessage(err.message));
  }, []);

  const claims = token ? decodeClaims(token) : undefined;
  useEffect(() => {
    if (token && isExpired(claims, Date.now() / 1000)) signOut('Your session has expired: sign in again.');
  }, [token]);

  if (!token || isExpired(claims, Date.now() / 1000)) {
    return (
      <Login
        config={config}
        storage={storage}
        message={message}
        onToken={(t) => {
          storeToken(storage, t);
          setMessage(undefined);
          setToken(t);
        }}
      />
    );
  }
  return <Workspace client={client} role={roleOf(claims)} subject={claims?.sub} onSignOut={() => signOut()} />;
}
