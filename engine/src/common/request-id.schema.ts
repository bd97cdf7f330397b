import { z } from 'zod';

/** A client request id: the same id on a retry gets the first answer back and writes nothing. */
export const requestId = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, '!lettres, chiffres, _ et - — letters, digits, _ and -');
