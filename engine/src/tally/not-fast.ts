/** Thrown inside the fast scenario reader when the text is not on its fast path; the caller then parses it the usual way. */
export const NOT_FAST = new Error('not on the fast path');
