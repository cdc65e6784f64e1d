import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { signIn, type SignIn } from '../../api/session';
import { ErrorText } from '../../components/ErrorPanel';
import { safeNext } from './safeNext';

// A one-time code works once; StrictMode runs effects twice in development.
const codesTried = new Set<string>();

export function SignInRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const code = params.get('code');
  const next = safeNext(params.get('next'));
  const [token, setToken] = useState('');

  const mutation = useMutation({
    mutationFn: (body: SignIn) => signIn(body),
    onSuccess: async () => {
      queryClient.clear();
      await navigate(next, { replace: true });
    },
  });

  useEffect(() => {
    if (code && !codesTried.has(code)) {
      codesTried.add(code);
      mutation.mutate({ code });
    }
  }, [code, mutation]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) mutation.mutate({ token: token.trim() });
  };

  return (
    <main className="signin" id="main">
      <h1>Sign in to Caracal</h1>
      {params.get('expired') && <p role="status">Your session has ended. Sign in again to continue where you were.</p>}
      {code && mutation.isPending && <p role="status">Signing in with the one-time link…</p>}
      {mutation.isError && (
        <div role="alert" className="error-panel">
          <strong>Sign-in failed</strong>
          <ErrorText error={mutation.error} />
        </div>
      )}
      <form onSubmit={submit} className="stack">
        <p>
          Open the one-time link that <code>caracal web</code> printed, or paste an admin token (
          <code>caracal token create --role author</code>).
        </p>
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <button type="submit" className="primary" disabled={mutation.isPending}>
          Sign in
        </button>
      </form>
    </main>
  );
}
