import { CNNT_LEVELS, PRODUCT_GROUPS } from "../../domain/vocabulary.ts";
import { TierBadge } from "../../ui/components/badges.tsx";
import { Block } from "../../ui/components/block.tsx";
import { Breadcrumbs } from "../../ui/components/breadcrumbs.tsx";
import { Count } from "../../ui/components/count.tsx";
import { DataTable } from "../../ui/components/data-table.tsx";
import { ExamplesSwitch, type ExamplesToggle } from "../../ui/components/examples-switch.tsx";
import { PageHead } from "../../ui/components/page-head.tsx";
import { Pager } from "../../ui/components/pager.tsx";
import { RecognitionList, recognitionNotes } from "../../ui/components/recognition-item.tsx";
import { NotesOnce, type SharedNotes, sharedNotes } from "../../ui/components/shared-notes.tsx";
import { SourceLink } from "../../ui/components/sources.tsx";
import { type Lang, labelOf, strings } from "../../ui/i18n/index.ts";
import type { PagerLinks } from "../../ui/register.tsx";
import type { listRecognitions } from "./recognitions.queries.ts";

type Recognitions = Awaited<ReturnType<typeof listRecognitions>>;
type Rec = Recognitions["data"][number];

// Sources of the scheme's rules (see the project's FACTS.md): the consolidated circular, the four levels, the
// vote calendar and the scoring sheet.
const SCHEME_SOURCES = {
  basis: "https://www.vietnam.vn/en/hop-nhat-quy-dinh-binh-chon-san-pham-cong-nghiep-nongt-thon-tieu-bieu",
  levels: "https://nongnghiep.vn/4-cap-binh-chon-san-pham-cong-nghiep-nong-thon-tieu-bieu-post130940.html",
  votes:
    "https://thanhtra.com.vn/kinh-te/thi-truong/110-san-pham-bo-san-pham-cong-nghiep-nong-thon-dat-giai-153860.html",
  scoring: "https://luatminhkhue.vn/mau-phieu-cham-diem-san-pham-cong-nghiep-nong-thon-tieu-bieu-.aspx",
};

/** Highest first, as the recognition page lists them. */
const LEVELS = [...CNNT_LEVELS].reverse();

function Group(props: { id: string; title: string; items: Rec[]; lang: Lang; shared: SharedNotes }) {
  if (!props.items.length) return null;
  // Real recognitions first; the count says how many are illustrative.
  const isIllustrative = (r: Rec) => r.provenance.record === "illustrative";
  const items = [...props.items.filter((r) => !isIllustrative(r)), ...props.items.filter(isIllustrative)];
  return (
    <section class="rec-group" aria-labelledby={props.id}>
      <h3 id={props.id}>
        {props.title}{" "}
        <Count
          kind="group"
          value={props.id}
          n={items.length}
          illustrative={items.filter(isIllustrative).length}
          lang={props.lang}
        />
      </h3>
      <RecognitionList items={items} lang={props.lang} showProduct shared={props.shared} />
    </section>
  );
}

export function RecognitionPage(props: {
  list: Recognitions;
  lang: Lang;
  pager: PagerLinks;
  examples: ExamplesToggle;
}) {
  const { list, lang } = props;
  const t = strings(lang);
  const cnnt = list.data.filter((r) => r.scheme === "cnnt");
  const ocop = list.data.filter((r) => r.scheme === "ocop").sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0));
  const other = list.data.filter((r) => r.scheme !== "cnnt" && r.scheme !== "ocop");
  // A note that several recognitions share (the OCOP scheme's, a sample profile's) is said once for the page.
  const shared = sharedNotes("rec-notes", recognitionNotes(list.data));
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.recognitionTitle }]} />
      <PageHead title={t.recognitionTitle} lede={t.recognitionLede}>
        <p class="fine">
          <SourceLink url={SCHEME_SOURCES.basis} lang={lang} label={`${t.legalBasis}: vietnam.vn`} />
        </p>
        <ExamplesSwitch lang={lang} toggle={props.examples} />
      </PageHead>

      <div class="explain">
        <Block id="levels-h" title={t.levels}>
          <p>{t.levelsText}</p>
          <ol class="levels">
            {t.levelItems.map(([name, text], i) => (
              <li class={`level level-${LEVELS[3 - i]}`}>
                <TierBadge tier={LEVELS[3 - i] ?? null} lang={lang} />
                <strong>{name}</strong>
                <span>{text}</span>
              </li>
            ))}
          </ol>
          <p class="fine">
            <SourceLink url={SCHEME_SOURCES.levels} lang={lang} />
          </p>
        </Block>

        <Block id="groups-h" title={t.groupsTitle}>
          <ol class="groups">
            {PRODUCT_GROUPS.map((g) => (
              <li>{labelOf("group", g, lang)}</li>
            ))}
          </ol>
          <p>{t.groupsText}</p>
        </Block>

        <Block id="score-h" title={t.scoring}>
          <DataTable class="scoring" columns={[{ label: t.criterion }, { label: t.points, num: true }]}>
            {t.scoringItems.map(([name, points]) => (
              <tr>
                <th scope="row">
                  {name}
                  <svg
                    class="score-bar"
                    viewBox="0 0 100 6"
                    width="100"
                    height="6"
                    aria-hidden="true"
                    focusable="false"
                    preserveAspectRatio="none"
                  >
                    <rect width="100" height="6" rx="3" class="bar-track" />
                    <rect width={points * 2.5} height="6" rx="3" class="bar bar-national" />
                  </svg>
                </th>
                <td class="num">{points}</td>
              </tr>
            ))}
          </DataTable>
          <p class="fine">
            <SourceLink url={SCHEME_SOURCES.scoring} lang={lang} />
          </p>
        </Block>

        <Block id="votes-h" title={t.votes}>
          <p>{t.votesText}</p>
          <p class="notice" id="ocop">
            {t.ocopNote}
          </p>
          <p class="fine">
            <SourceLink url={SCHEME_SOURCES.votes} lang={lang} />
          </p>
        </Block>
      </div>

      <Block id="all-h" title={t.allRecognitions}>
        {LEVELS.map((level) => (
          <Group
            id={`g-${level}`}
            title={t.tierLong[level]}
            items={cnnt.filter((r) => r.level === level)}
            lang={lang}
            shared={shared}
          />
        ))}
        <Group id="g-ocop" title="OCOP" items={ocop} lang={lang} shared={shared} />
        <Group id="g-other" title={t.otherSchemes} items={other} lang={lang} shared={shared} />
        <NotesOnce shared={shared} lang={lang} />
        <Pager lang={lang} {...props.pager} />
      </Block>
    </div>
  );
}
