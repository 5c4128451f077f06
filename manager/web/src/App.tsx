import { useCallback, useState } from 'react';
import { Login } from './Login';
import { SessionProvider, storedToken, storeToken, type Token } from './session';
import { Shell } from './Shell';

export function App() {
  const [token, setToken] = useState<Token | null>(storedToken);
  const [notice, setNotice] = useState<string>();
  const end = useCallback((reason?: string) => {
    setNotice(reason);
    setToken(null);
  }, []);
  if (!token) {
    return (
      <Login
        notice={notice}
        onLogin={(t) => {
          storeToken(t);
          setNotice(undefined);
          setToken(t);
        }}
      />
    );
  }
  return (
    <SessionProvider token={token} onEnd={end}>
      <Shell />
    </SessionProvider>
  );
}
