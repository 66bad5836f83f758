import { type Bar, BarChart } from "../../ui/components/bar-chart.tsx";
import { Block } from "../../ui/components/block.tsx";
import { Breadcrumbs } from "../../ui/components/breadcrumbs.tsx";
import { DataTable } from "../../ui/components/data-table.tsx";
import { PageHead } from "../../ui/components/page-head.tsx";
import { SourceLink } from "../../ui/components/sources.tsx";
import { SupportList } from "../../ui/components/support-list.tsx";
import { TableWrap } from "../../ui/components/table-wrap.tsx";
import { formatBillionsNumber, formatFigure, hostOf, type Lang, strings } from "../../ui/i18n/index.ts";
import type { Programme } from "./programme.queries.ts";

type Figure = Programme["figures"][number];

/** A figure's period in the page's language ("đến 5/2025" → "to 5/2025"). */
export function periodOf(period: string, lang: Lang): string {
  if (lang === "vi") return period;
  if (period === "không ghi thời điểm") return strings(lang).undated;
  return period.replace(/^đến hết năm (\d{4})$/, "to the end of $1").replace("đến ", "to ");
}

export function ProgrammePage(props: { data: Programme; lang: Lang }) {
  const { data, lang } = props;
  const t = strings(lang);
  const fig = (key: string) => data.figures.find((f) => f.key === key);
  // Every figure keeps its source's hedge ("hơn", "gần"), in the table and on the bars.
  const show = (f: Figure) => formatFigure(f, lang);
  const bar = (key: string, tone: string, label?: string, money = false): Bar[] => {
    const f = fig(key);
    return f
      ? [
          {
            label: label ?? f.label,
            value: f.value,
            display: money ? formatFigure(f, lang, formatBillionsNumber(f.value, lang)) : show(f),
            tone,
          },
        ]
      : [];
  };
  const funds = t.funds;
  const h = data.catalogue_holds;
  // Each row: a province figure (by key) beside what the catalogue holds; "to add" only where the two count
  // the same thing (a product of unknown stars may be any of the star rows).
  const holdsRows: { id: string; key?: string; label?: string; held: number; toAdd: boolean }[] = [
    { id: "ocop", key: "province_ocop_total", held: h.ocop.total, toAdd: true },
    { id: "ocop-3", key: "province_ocop_3", held: h.ocop.stars_3, toAdd: false },
    { id: "ocop-4", key: "province_ocop_4", held: h.ocop.stars_4, toAdd: false },
    { id: "ocop-not-stated", label: t.ocopStarsNotStated, held: h.ocop.stars_not_stated, toAdd: false },
    { id: "cnnt-provincial", key: "province_provincial_total", held: h.cnnt.provincial, toAdd: true },
    { id: "cnnt-regional", key: "province_regional_total", held: h.cnnt.regional, toAdd: true },
    { id: "cnnt-national", key: "province_national_total", held: h.cnnt.national, toAdd: true },
  ];
  const sources = [...new Set(data.figures.map((f) => f.source_url))];
  return (
    <div class="wrap">
      <Breadcrumbs lang={lang} items={[{ label: t.programmeTitle }]} />
      <PageHead title={t.programmeTitle} lede={t.programmeLede}>
        <p class="fine">
          {sources.map((u) => (
            <SourceLink url={u} lang={lang} />
          ))}
        </p>
      </PageHead>

      <Block id="charts-h" title={t.chartFunds}>
        <div class="charts">
          <BarChart
            id="c-projects"
            title={t.projects}
            desc={t.chartFundsDesc}
            lang={lang}
            bars={[
              ...bar("projects_national", "national", funds.national),
              ...bar("projects_local", "local", funds.local),
            ]}
          />
          <BarChart
            id="c-support"
            title={`${t.supportFunding} (${t.billionVnd})`}
            desc={t.chartFundsDesc}
            lang={lang}
            unit={t.billionVnd}
            bars={[
              ...bar("support_national", "national", funds.national, true),
              ...bar("support_local", "local", funds.local, true),
            ]}
          />
        </div>
      </Block>

      <Block id="money-h" title={t.chartMoney}>
        <div class="charts">
          <BarChart
            id="c-money"
            title={`${funds.total} 2021–2025 (${t.billionVnd})`}
            desc={t.chartMoneyDesc}
            lang={lang}
            unit={t.billionVnd}
            bars={[
              ...bar("support_total", "total", undefined, true),
              ...bar("investment_total", "invest", undefined, true),
              ...bar("counterpart_total", "counter", undefined, true),
            ]}
          />
          <BarChart
            id="c-local"
            title={`${funds.local} (${t.billionVnd})`}
            desc={t.chartMoneyDesc}
            lang={lang}
            unit={t.billionVnd}
            bars={[
              ...bar("support_local", "local", undefined, true),
              ...bar("investment_local", "invest", undefined, true),
              ...bar("counterpart_local", "counter", undefined, true),
            ]}
          />
        </div>
      </Block>

      <Block id="votes-h" title={t.chartVotes}>
        <div class="charts">
          <BarChart
            id="c-vote"
            title={fig("vote_provincial_products")?.period ?? "2021–2025"}
            desc={t.chartVotes}
            lang={lang}
            bars={[
              ...bar("vote_provincial_products", "provincial"),
              ...bar("vote_regional_products", "regional"),
              ...bar("vote_national_products", "national"),
            ]}
          />
          <BarChart
            id="c-province"
            title={t.provinceTotals}
            desc={t.chartVotes}
            lang={lang}
            bars={[
              ...bar("province_provincial_total", "provincial"),
              ...bar("province_regional_total", "regional"),
              ...bar("province_national_total", "national"),
              ...bar("province_ocop_total", "ocop"),
            ]}
          />
        </div>
      </Block>

      <Block id="holds-h" title={t.holdsTitle}>
        <TableWrap label={t.tableOf(t.holdsTitle)}>
          <DataTable
            columns={[
              { label: t.figure },
              { label: t.reported, num: true },
              { label: t.period },
              { label: t.held, num: true },
              { label: t.toAdd, num: true },
            ]}
          >
            {holdsRows.map((row) => {
              const f = row.key ? fig(row.key) : undefined;
              const missing = f && row.toAdd ? Math.max(0, f.value - row.held) : null;
              return (
                <tr>
                  <th scope="row">{row.label ?? f?.label}</th>
                  <td class="num" data-reported={row.key ?? "none"}>
                    {f ? show(f) : ""}
                  </td>
                  <td>{f ? periodOf(f.period, lang) : ""}</td>
                  <td class="num" data-held={row.id}>
                    {row.held}
                  </td>
                  <td class="num" data-to-add={row.id}>
                    {missing ?? ""}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </TableWrap>
      </Block>

      <Block id="fig-h" title={t.figures}>
        <TableWrap label={t.tableOf(t.figures)}>
          <DataTable
            columns={[
              { label: t.figure },
              { label: t.value, num: true },
              { label: t.period },
              { label: t.source },
            ]}
          >
            {data.figures.map((f) => (
              <tr>
                <th scope="row">{f.label}</th>
                <td class="num" data-figure={f.key}>
                  {show(f)}
                </td>
                <td>{periodOf(f.period, lang)}</td>
                <td>
                  <SourceLink url={f.source_url} lang={lang} label={hostOf(f.source_url)} />
                </td>
              </tr>
            ))}
          </DataTable>
        </TableWrap>
      </Block>

      <Block id="proj-h" title={t.knownProjects}>
        <SupportList items={data.support_projects} lang={lang} showProducer />
      </Block>
    </div>
  );
}
