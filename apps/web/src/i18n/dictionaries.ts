import { en } from './en';
import { ru } from './ru';
import type { Dictionary, Locale } from './translate';

export const dictionaries: Record<Locale, Dictionary> = { en, ru };
