/**
 * "Insert unless it is there, and give me the row either way" in one statement: the INSERT … ON
 * CONFLICT DO NOTHING RETURNING the new row, or, when the key was taken, the stored row (read in
 * the same snapshot). Replaces the find → insert → find of three round trips.
 *
 * One case returns no row: another transaction inserted the key after this statement's snapshot
 * was taken (ON CONFLICT waited for it, and the snapshot cannot see it). Callers then read again.
 * Table and column names are the caller's constants, never input.
 */
export function insertOrExistingSql(table: string, columns: readonly string[], key: readonly string[], returning: readonly string[]): string {
  const placeholder = (column: string): string => {
    const index = columns.indexOf(column);
    if (index < 0) throw new Error(`key column ${column} is not among the inserted columns`);
    return `$${index + 1}`;
  };
  const values = columns.map((column) => placeholder(column)).join(', ');
  const output = returning.join(', ');
  return `WITH inserted AS (
      INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values}) ON CONFLICT (${key.join(', ')}) DO NOTHING RETURNING ${output}
    )
    SELECT ${output} FROM inserted
    UNION ALL
    SELECT ${output} FROM ${table} WHERE ${key.map((column) => `${column} = ${placeholder(column)}`).join(' AND ')}
    LIMIT 1`;
}
