import { ErrorCode, LOCALES } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import {
  formValues,
  serverFieldErrors,
  validate,
  type FieldErrors,
} from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Input, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useRegister } from '../api';
import { useAuthSchemas } from '../hooks/useAuthSchemas';
import { safeNext } from './LoginPage';

const localeNames = { nl: 'Nederlands', en: 'English' } as const;

export function RegisterPage() {
  const { t, tx, locale, setLocale } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const register = useRegister();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const withSchemas = useAuthSchemas();

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(null);
    const values = formValues(e.currentTarget);
    void withSchemas(
      ({ registerSchema }) => {
        const v = validate(registerSchema, values, tx);
        if (!v.ok) return setErrors(v.errors);
        setErrors({});
        register.mutate(v.data, {
          onSuccess: (res) => {
            setLocale(res.user.locale);
            navigate(safeNext(params.get('next')), { replace: true });
          },
          onError: (err) => {
            const fields = serverFieldErrors(err);
            if (err instanceof ApiError && err.code === ErrorCode.EMAIL_TAKEN)
              fields.email = t('auth.emailTaken');
            setErrors(fields);
            if (err instanceof ApiError && err.code === ErrorCode.RATE_LIMITED)
              setFormError(t('auth.rateLimited'));
            else if (err instanceof ApiError && err.status === 0) setFormError(t('errors.network'));
            else if (!Object.keys(fields).length) setFormError(t('errors.generic'));
          },
        });
      },
      () => setFormError(t('errors.network')),
    );
  };

  return (
    <div className="mx-auto max-w-md py-8">
      <Card>
        <h1 className="mb-4 text-xl font-semibold">{t('auth.registerTitle')}</h1>
        <form noValidate onSubmit={onSubmit} className="space-y-4">
          <Field label={t('auth.displayName')} error={errors.displayName}>
            {(p) => <Input {...p} name="displayName" autoComplete="name" required />}
          </Field>
          <Field label={t('auth.email')} error={errors.email}>
            {(p) => <Input {...p} name="email" type="email" autoComplete="email" required />}
          </Field>
          <Field label={t('auth.password')} error={errors.password} hint={t('auth.passwordHint')}>
            {(p) => (
              <Input {...p} name="password" type="password" autoComplete="new-password" required />
            )}
          </Field>
          <Field label={t('auth.language')} error={errors.locale}>
            {(p) => (
              <Select {...p} name="locale" defaultValue={locale}>
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {localeNames[l]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {formError && <ErrorNote>{formError}</ErrorNote>}
          <Button type="submit" className="w-full" disabled={register.isPending}>
            {t('auth.submitRegister')}
          </Button>
        </form>
        <p className="mt-4 text-sm text-slate-600">
          {t('auth.haveAccount')}{' '}
          <Link
            className="font-medium text-brand-700 underline"
            to={`/login${params.size ? `?${params}` : ''}`}
          >
            {t('nav.signIn')}
          </Link>
        </p>
      </Card>
    </div>
  );
}
