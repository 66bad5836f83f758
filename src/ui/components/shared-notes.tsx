import { type Lang, strings } from "../i18n/index.ts";
import { ViText } from "./record-text.tsx";

/** The notes of a list said once: the notes two or more items share, and where they are written. */
export interface SharedNotes {
  /** The element id prefix of the notes ("buy-notes" → #buy-notes-1). */
  id: string;
  notes: string[];
  /** The notes are held in Vietnamese only (a listing's): an English page marks them so. */
  viOnly?: boolean;
}

/**
 * The notes that more than one item of a list carries, in the order first seen, so that a page says each once
 * (under the list) and the items point to it, rather than repeating the same paragraph in every card.
 *
 * @example sharedNotes("buy-notes", ["a", "b", "a"]) // { id: "buy-notes", notes: ["a"] }
 */
export function sharedNotes(
  id: string,
  notes: readonly (string | null | undefined)[],
  viOnly = false,
): SharedNotes {
  const times = new Map<string, number>();
  for (const n of notes) if (n) times.set(n, (times.get(n) ?? 0) + 1);
  return { id, notes: [...times].filter(([, k]) => k > 1).map(([n]) => n), viOnly };
}

/** A note's text, marked as Vietnamese on an English page when it has no English. */
const NoteText = (props: { text: string; lang: Lang; viOnly?: boolean }) =>
  props.viOnly ? <ViText text={props.text} lang={props.lang} /> : props.text;

/** A text in its line: itself, or a link to the shared note it repeats. */
export function NoteOrRef(props: { text: string; shared?: SharedNotes; lang: Lang }) {
  const { text, shared } = props;
  const i = shared ? shared.notes.indexOf(text) : -1;
  if (!shared || i < 0) return <NoteText text={text} lang={props.lang} viOnly={shared?.viOnly} />;
  return <a href={`#${shared.id}-${i + 1}`}>{strings(props.lang).seeNote(i + 1)}</a>;
}

/** An item's note: its own text, or a link to the shared note it repeats. Nothing without a note. */
export function ItemNote(props: { note: string | null | undefined; shared?: SharedNotes; lang: Lang }) {
  if (!props.note) return null;
  return (
    <p class="note">
      <NoteOrRef text={props.note} shared={props.shared} lang={props.lang} />
    </p>
  );
}

/** The shared notes, once, numbered as the items' links name them. */
export function NotesOnce(props: { shared: SharedNotes; lang: Lang }) {
  const { shared } = props;
  if (!shared.notes.length) return null;
  const t = strings(props.lang);
  return (
    <ol class="shared-notes">
      {shared.notes.map((n, i) => (
        <li id={`${shared.id}-${i + 1}`}>
          <strong>{t.noteNo(i + 1)}</strong> <NoteText text={n} lang={props.lang} viOnly={shared.viOnly} />
        </li>
      ))}
    </ol>
  );
}
