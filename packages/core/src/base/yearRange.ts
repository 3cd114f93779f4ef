/** The first and last year a date, a deadline or an instant of a command may fall in (design §3.2), and a manual clock may show. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;
