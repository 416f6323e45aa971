import { ErrorCode } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import {
  formValues,
  serverFieldErrors,
  validate,
  type FieldErrors,
} from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useLogin } from '../api';
import { useAuthSchemas } from '../hooks/useAuthSchemas';

/** Only same-site paths: `next` comes from the URL and must not send people elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/w';
}

export function LoginPage() {
  const { t, tx, setLocale } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const withSchemas = useAuthSchemas();

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(null);
    const values = formValues(e.currentTarget);
    void withSchemas(
      ({ loginSchema }) => {
        const v = validate(loginSchema, values, tx);
        if (!v.ok) return setErrors(v.errors);
        setErrors({});
        login.mutate(v.data, {
          onSuccess: (res) => {
            setLocale(res.user.locale);
            navigate(safeNext(params.get('next')), { replace: true });
          },
          onError: (err) => {
            setErrors(serverFieldErrors(err));
            if (err instanceof ApiError && err.code === ErrorCode.RATE_LIMITED)
              setFormError(t('auth.rateLimited'));
            else if (err instanceof ApiError && err.status === 401)
              setFormError(t('auth.invalidCredentials'));
            else if (err instanceof ApiError && err.status === 0) setFormError(t('errors.network'));
            else if (!(err instanceof ApiError && err.details.length))
              setFormError(t('errors.generic'));
          },
        });
      },
      () => setFormError(t('errors.network')),
    );
  };

  return (
    <div className="mx-auto max-w-md py-8">
      <Card>
        <h1 className="mb-4 text-xl font-semibold">{t('auth.signInTitle')}</h1>
        <form noValidate onSubmit={onSubmit} className="space-y-4">
          <Field label={t('auth.email')} error={errors.email}>
            {(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}
          </Field>
          <Field label={t('auth.password')} error={errors.password}>
            {(p) => (
              <Input
                {...p}
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            )}
          </Field>
          {formError && <ErrorNote>{formError}</ErrorNote>}
          <Button type="submit" className="w-full" disabled={login.isPending}>
            {t('auth.submitSignIn')}
          </Button>
        </form>
        <p className="mt-4 text-sm text-slate-600">
          {t('auth.noAccount')}{' '}
          <Link
            className="font-medium text-brand-700 underline"
            to={`/register${params.size ? `?${params}` : ''}`}
          >
            {t('nav.register')}
          </Link>
        </p>
      </Card>
    </div>
  );
}
