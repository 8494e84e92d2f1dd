/** Signing in and out, refreshing a session, enrolling a second factor, activating an account. */
import { login } from '../../domain/auth/login.ts';
import { revokeRefreshToken, rotateRefreshToken, type TokenPair } from '../../domain/auth/refresh-tokens.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../domain/auth/totp.ts';
import { activateAccount } from '../../domain/people/activate-account.ts';
import { resetPassword } from '../../domain/people/reset-password.ts';
import { builder } from '../builder.ts';
import { runMutation } from '../mutation.ts';
import { sessionErrorTypes } from './errors.ts';

const MfaStateEnum = builder.enumType('MfaState', {
  description: 'Where the session stands on the second factor.',
  values: {
    VERIFIED: { value: 'verified', description: 'A one-time code was given at sign-in.' },
    NOT_REQUIRED: { value: 'not-required', description: 'No second factor is required of this person.' },
    ENROLMENT_REQUIRED: {
      value: 'enrolment-required',
      description: 'The person must enrol a second factor before doing anything else.',
    },
  } as const,
});

const SessionRef = builder.objectRef<TokenPair & { personId?: string }>('Session').implement({
  description: 'A signed-in session: a short-lived access token and a refresh token that is rotated on use.',
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', {
      description: 'Send as `Authorization: Bearer <token>`; short-lived.',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the access token expires.' }),
    refreshToken: t.exposeString('refreshToken', {
      description: 'Exchange with `refreshSession` for a new pair; single use, kept secret by the client.',
    }),
    refreshTokenExpiresAt: t.expose('refreshTokenExpiresAt', {
      type: 'DateTime',
      description: 'When the refresh token expires.',
    }),
    mfa: t.field({ type: MfaStateEnum, description: 'Second-factor state of the session.', resolve: (s) => s.mfa }),
  }),
});

const LoginInput = builder.inputType('LoginInput', {
  description: 'Credentials for signing in.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Sign-in e-mail address.' }),
    password: t.string({ required: true, description: 'Password.' }),
    totpCode: t.string({ required: false, description: 'Six-digit code from the authenticator app, when enrolled.' }),
  }),
});

const session = { public: true } as const;

builder.mutationType({ description: 'Changes.' });

builder.mutationField('login', (t) =>
  t.field({
    type: SessionRef,
    description:
      'Signs in. An unknown e-mail and a wrong password answer the same; five failures lock the account for 15 minutes.',
    extensions: session,
    errors: { types: sessionErrorTypes },
    args: { input: t.arg({ type: LoginInput, required: true, description: 'Credentials.' }) },
    resolve: (_root, { input }, ctx) =>
      login(
        ctx.db,
        { email: input.email, password: input.password, totpCode: input.totpCode ?? undefined, ip: ctx.clientIp },
        ctx.now,
        ctx.auth,
      ),
  }),
);

builder.mutationField('refreshSession', (t) =>
  t.field({
    type: SessionRef,
    description: 'Exchanges a refresh token for a new session. Reusing a spent refresh token ends all its sessions.',
    extensions: session,
    errors: { types: sessionErrorTypes },
    args: { refreshToken: t.arg.string({ required: true, description: 'The refresh token of the session.' }) },
    resolve: (_root, { refreshToken }, ctx) => rotateRefreshToken(ctx.db, refreshToken, ctx.now, ctx.auth),
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends a session: its refresh token (and every token rotated from it) stops working.',
    extensions: session,
    args: { refreshToken: t.arg.string({ required: true, description: 'The refresh token of the session.' }) },
    resolve: async (_root, { refreshToken }, ctx) => {
      await revokeRefreshToken(ctx.db, refreshToken, ctx.now);
      return true;
    },
  }),
);

const TotpEnrolmentRef = builder.objectRef<{ secret: string; otpauthUri: string }>('TotpEnrolment').implement({
  description: 'A pending second factor: add it to an authenticator app, then confirm with a code.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'Base32 secret, shown once.' }),
    otpauthUri: t.exposeString('otpauthUri', { description: 'otpauth:// URI for a QR code.' }),
  }),
});

builder.mutationField('beginTotpEnrolment', (t) =>
  t.field({
    type: TotpEnrolmentRef,
    description: 'Starts enrolling a second factor (TOTP) for the signed-in person.',
    extensions: { duringMfaEnrolment: true },
    errors: { types: sessionErrorTypes },
    resolve: (_root, _args, ctx) =>
      runMutation(
        ctx,
        { operation: 'beginTotpEnrolment', idempotency: 'none', why: 'a sign-in step: each begins a new enrolment' },
        (tx) => beginTotpEnrolment(tx, ctx.actor!, ctx.now),
      ),
  }),
);

const SecondFactorEnabledRef = builder.objectRef<{ enabledAt: Date }>('SecondFactorEnabled').implement({
  description: 'The second factor is on: sign in again with a one-time code to get a full session.',
  fields: (t) => ({
    enabledAt: t.expose('enabledAt', { type: 'DateTime', description: 'When it was enabled.' }),
  }),
});

builder.mutationField('confirmTotpEnrolment', (t) =>
  t.field({
    type: SecondFactorEnabledRef,
    description: 'Enables the pending second factor once a valid code proves the app holds it. Sign in again after.',
    extensions: { duringMfaEnrolment: true },
    errors: { types: sessionErrorTypes },
    args: { code: t.arg.string({ required: true, description: 'A current six-digit code.' }) },
    resolve: async (_root, { code }, ctx) => {
      await runMutation(
        ctx,
        {
          operation: 'confirmTotpEnrolment',
          idempotency: 'none',
          why: 'a sign-in step: a one-time code is judged afresh',
        },
        (tx) => confirmTotpEnrolment(tx, ctx.actor!, code, ctx.now),
      );
      return { enabledAt: ctx.now };
    },
  }),
);

const PasswordSetRef = builder.objectRef<{ email: string }>('PasswordSet').implement({
  description: 'The account has a new password and can sign in with it.',
  fields: (t) => ({
    email: t.exposeString('email', { description: 'The account’s sign-in e-mail address.' }),
  }),
});

const NewPasswordInput = builder.inputType('NewPasswordInput', {
  description: 'A one-time token handed over by an administrator, and the new password.',
  fields: (t) => ({
    token: t.string({ required: true, description: 'The activation or password-reset token.' }),
    password: t.string({
      required: true,
      description: 'At least 12 characters from at least two of: lower case, upper case, digits, symbols.',
    }),
  }),
});

builder.mutationField('activateAccount', (t) =>
  t.field({
    type: PasswordSetRef,
    description: 'Activates an invited account with its activation token and a first password.',
    extensions: session,
    errors: { types: sessionErrorTypes },
    args: { input: t.arg({ type: NewPasswordInput, required: true, description: 'Token and password.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(
        ctx,
        { operation: 'activateAccount', idempotency: 'none', why: 'a one-time token, spent by the first call' },
        (tx) => activateAccount(tx, input, ctx.now),
      ),
  }),
);

builder.mutationField('resetPassword', (t) =>
  t.field({
    type: PasswordSetRef,
    description: 'Sets a new password with a password-reset token; every existing session ends.',
    extensions: session,
    errors: { types: sessionErrorTypes },
    args: { input: t.arg({ type: NewPasswordInput, required: true, description: 'Token and password.' }) },
    resolve: (_root, { input }, ctx) =>
      runMutation(
        ctx,
        { operation: 'resetPassword', idempotency: 'none', why: 'a one-time token, spent by the first call' },
        (tx) => resetPassword(tx, input, ctx.now),
      ),
  }),
);
