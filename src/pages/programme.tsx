import type { Programme } from "../db/queries/programme.ts";
import { type Bar, BarChart } from "./charts.tsx";
import { Breadcrumbs, PageHead, SourceLink, TableWrap } from "./components.tsx";
import { formatBillions, formatNumber, hostOf, type Lang, strings } from "./i18n.ts";
import { SupportList } from "./parts.tsx";

type Figure = Programme["figures"][number];

export function ProgrammePage(props: { data: Programme; lang: Lang }) {
  const { data, lang } = props;
  const t = strings(lang);
  const fig = (key: string) => data.figures.find((f) => f.key === key);
  const show = (f: Figure) =>
    f.unit === "vnd" ? formatBillions(f.value, lang) : formatNumber(f.value, lang);
  const billions = (v: number) =>
    (v / 1e9).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 });
  const bar = (key: string, tone: string, label?: string, money = false): Bar[] => {
    const f = fig(key);
    return f
      ? [{ label: label ?? f.label, value: f.value, display: money ? billions(f.value) : show(f), tone }]
      : [];
  };
  const funds = t.funds;
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

      <section class="block" aria-labelledby="charts-h">
        <h2 id="charts-h">{t.chartFunds}</h2>
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
      </section>

      <section class="block" aria-labelledby="money-h">
        <h2 id="money-h">{t.chartMoney}</h2>
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
      </section>

      <section class="block" aria-labelledby="votes-h">
        <h2 id="votes-h">{t.chartVotes}</h2>
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
      </section>

      <section class="block" aria-labelledby="fig-h">
        <h2 id="fig-h">{t.figures}</h2>
        <TableWrap label={t.tableOf(t.figures)}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.figure}</th>
                <th scope="col" class="num">
                  {t.value}
                </th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.source}</th>
              </tr>
            </thead>
            <tbody>
              {data.figures.map((f) => (
                <tr>
                  <th scope="row">{f.label}</th>
                  <td class="num">{show(f)}</td>
                  <td>{lang === "en" ? f.period.replace("đến ", "to ") : f.period}</td>
                  <td>
                    <SourceLink url={f.source_url} lang={lang} label={hostOf(f.source_url)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section class="block" aria-labelledby="proj-h">
        <h2 id="proj-h">{t.knownProjects}</h2>
        <SupportList items={data.support_projects} lang={lang} showProducer />
      </section>
    </div>
  );
}
