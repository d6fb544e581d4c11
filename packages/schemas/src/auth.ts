import { z } from 'zod';
import { localeSchema } from './common';

export const PASSWORD_MIN_LENGTH = 10;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(200);
export const personNameSchema = z.string().trim().min(1).max(100);
export const orgNameSchema = z.string().trim().min(1).max(100);

export const signUpInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: personNameSchema,
  orgName: orgNameSchema,
  locale: localeSchema.optional(),
});
export type SignUpInput = z.input<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  // No length rule here: an old password shorter than today's minimum must still get its answer.
  password: z.string().min(1).max(200),
});
export type SignInInput = z.input<typeof signInInput>;

export const updateProfileInput = z.object({
  name: personNameSchema.optional(),
  locale: localeSchema.optional(),
});
export type UpdateProfileInput = z.input<typeof updateProfileInput>;
