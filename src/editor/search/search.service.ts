import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
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
function auditSynonym(call: EditorCall, action: "create" | "delete", row: string, ...params: unknown[]) {
  const side = action === "create" ? "after" : "before";
  return call.d1
    .prepare(
      `INSERT INTO audit_events (editor_id, editor_email, via, entity, entity_key, action, changes, address)
       SELECT ?1, ?2, ?3, 'search_synonym', CAST(id AS TEXT), '${action}',
         json_array(json_object('field', 'synonym', '${side}', json_object('term', term, 'synonym', synonym))), ?4
       FROM search_synonyms WHERE ${row}`,
    )
    .bind(call.editor.id, call.editor.email, call.via ?? call.editor.via, call.address, ...params);
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
    auditSynonym(call, "create", "rowid = last_insert_rowid() AND changes() = 1"),
  ]);
  const row = inserted?.results?.[0] as SynonymRow | undefined;
  if (!row) throw taken();
  return row;
}

/** Removes a synonym and records who did; 404 when there is none with this id. */
export async function removeSynonym(call: EditorCall, id: number): Promise<void> {
  const d1 = call.d1;
  const [found] = await d1.batch([d1.prepare("SELECT id FROM search_synonyms WHERE id = ?").bind(id)]);
  if (!found?.results?.length) throw new NotFound(`No synonym ${id}`);
  await d1.batch([
    auditSynonym(call, "delete", "id = ?5", id),
    d1.prepare("DELETE FROM search_synonyms WHERE id = ?").bind(id),
  ]);
}
