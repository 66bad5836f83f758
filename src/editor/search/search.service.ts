import { type SQL, sql } from "drizzle-orm";
import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
import { bareList, toStatement } from "../../platform/db/client.ts";
import { auditEvents as a, searchSynonyms as s } from "../../platform/db/schema.ts";
import type { EditorCall } from "../auth/auth.ts";
import {
  insertSynonymStatement,
  type SynonymRow,
  synonymCheckStatement,
  synonymProblem,
} from "./synonyms.ts";

/**
 * The audit event of a synonym's change, written only when the change happened: `row` selects the synonym row
 * (before a delete, after an insert) that the event describes. The editor is known once the request's first batch
 * has checked the token (admin writes take two round trips, as every editors' write).
 */
function auditSynonym(call: EditorCall, action: "create" | "delete", row: SQL) {
  const side = action === "create" ? "after" : "before";
  return toStatement(
    call.d1,
    sql`INSERT INTO ${a} (${bareList(a.editorId, a.editorEmail, a.via, a.entity, a.entityKey, a.action, a.changes, a.address)})
       SELECT ${call.editor.id}, ${call.editor.email}, ${call.via ?? call.editor.via}, 'search_synonym', CAST(${s.id} AS TEXT), ${action},
         json_array(json_object('field', 'synonym', ${side}, json_object('term', ${s.term}, 'synonym', ${s.synonym}))), ${call.address}
       FROM ${s} WHERE ${row}`,
  );
}

/**
 * Adds a synonym: a check (422 when the sides name two product kinds, 409 when the pair exists), then the row and
 * its audit event in one batch; an Invalid naming the field when refused (src/domain/errors.ts). Shared by the API and the back office.
 */
export async function addSynonym(call: EditorCall, term: string, synonym: string): Promise<SynonymRow> {
  const invalid = synonymProblem(term, synonym);
  if (invalid) throw new Invalid([invalid]);
  const d1 = call.d1;
  const [check] = await d1.batch<{ clash: number; taken: number }>([
    synonymCheckStatement(d1, term, synonym),
  ]);
  const found = check?.results?.[0];
  if (found?.clash)
    throw new Invalid(
      [{ name: "synonym", reason: "names another product kind than the term" }],
      `'${term.trim()}' and '${synonym.trim()}' name two different product kinds: a synonym never merges distinct products`,
    );
  const taken = () => new Conflict(`'${term.trim()}' ↔ '${synonym.trim()}' is a synonym already`);
  if (found?.taken) throw taken();
  const [inserted] = await d1.batch([
    insertSynonymStatement(d1, term, synonym),
    auditSynonym(call, "create", sql`rowid = last_insert_rowid() AND changes() = 1`),
  ]);
  const row = inserted?.results?.[0] as SynonymRow | undefined;
  if (!row) throw taken();
  return row;
}

/** Removes a synonym and records who did; 404 when there is none with this id. */
export async function removeSynonym(call: EditorCall, id: number): Promise<void> {
  const d1 = call.d1;
  const [found] = await d1.batch([toStatement(d1, sql`SELECT ${s.id} FROM ${s} WHERE ${s.id} = ${id}`)]);
  if (!found?.results?.length) throw new NotFound(`No synonym ${id}`);
  await d1.batch([
    auditSynonym(call, "delete", sql`${s.id} = ${id}`),
    toStatement(d1, sql`DELETE FROM ${s} WHERE ${s.id} = ${id}`),
  ]);
}
