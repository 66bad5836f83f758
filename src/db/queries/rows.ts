/** Parses a JSON column, falling back when it is empty or malformed. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const TIER_BY_RANK = [null, "district", "provincial", "regional", "national"] as const;

/** The CNNT-TB tier name of a rank (0 = none). */
export const tierOf = (rank: number) => TIER_BY_RANK[rank] ?? null;
