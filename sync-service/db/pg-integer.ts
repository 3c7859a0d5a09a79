/**
 * The largest value of PostgreSQL's `integer` (int4): what an intake must refuse above, since a
 * larger number fails the statement that writes it, and with it every row of that statement.
 */
export const PG_INTEGER_MAX = 2_147_483_647;
