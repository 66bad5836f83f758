// Editors' changes to the search's synonyms (issue 26): plain inputs (an EditorCall), shared by the admin API and the
// back office.
import { Problem } from "../../platform/http/problem.ts";
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
 * its audit event in one batch; a Problem naming the field when refused. Shared by the API and the back office.
 */
export async function addSynonym(call: EditorCall, term: string, synonym: string): Promise<SynonymRow> {
  const invalid = synonymProblem(term, synonym);
  if (invalid)
    throw new Problem(422, {
      type: "invalid-fields",
      detail: `Invalid '${invalid.name}': ${invalid.reason}`,
      invalid_params: [invalid],
    });
  const d1 = call.d1;
  const [check] = await d1.batch<{ clash: number; taken: number }>([
    synonymCheckStatement(d1, term, synonym),
  ]);
  const found = check?.results?.[0];
  if (found?.clash)
    throw new Problem(422, {
      type: "invalid-fields",
      detail: `'${term.trim()}' and '${synonym.trim()}' name two different product kinds: a synonym never merges distinct products`,
      invalid_params: [{ name: "synonym", reason: "names another product kind than the term" }],
    });
  const taken = () =>
    new Problem(409, {
      type: "conflict",
      detail: `'${term.trim()}' ↔ '${synonym.trim()}' is a synonym already`,
    });
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
  if (!found?.results?.length) throw new Problem(404, { detail: `No synonym ${id}` });
  await d1.batch([
    auditSynonym(call, "delete", "id = ?5", id),
    d1.prepare("DELETE FROM search_synonyms WHERE id = ?").bind(id),
  ]);
}
