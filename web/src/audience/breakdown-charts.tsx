import { lazy, Suspense } from 'react';
import { BarChart } from '../components/bar-chart.tsx';
import type { MessageKey } from '../i18n/fr.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** The map's paths are a chunk of their own, fetched when a count has a département breakdown. */
const DepartmentMap = lazy(() => import('./department-map.tsx'));

/**
 * One bar chart per breakdown the API returned (département, age bands, gender…); the département
 * breakdown is also drawn as a map, the bars staying its accessible, exact alternative.
 */
export function BreakdownCharts(props: { breakdown: Record<string, Record<string, number>> }) {
  const t = useT();
  const departments = props.breakdown.department;
  return (
    <>
      {departments && (
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <DepartmentMap counts={departments} />
        </Suspense>
      )}
      <div className="charts">
        {Object.entries(props.breakdown).map(([field, buckets]) => {
          const rows = Object.entries(buckets)
            .map(([label, value]) => ({ label, value }))
            .sort((a, b) => (field === 'age' ? a.label.localeCompare(b.label) : b.value - a.value))
            .slice(0, 15);
          return (
            <BarChart
              key={field}
              title={t('audience.by', { field: t(`field.${field}` as MessageKey) })}
              rows={rows}
            />
          );
        })}
      </div>
    </>
  );
}
