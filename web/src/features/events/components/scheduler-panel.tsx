import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { SelectField, TextField } from '@/components/forms/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatNumber } from '@/lib/format';
import { type TbEvent, usePublishRun, useRun, useRuns, useStartRun } from '../api/events';
import type { ScheduleRun } from '../api/schemas';
import { Percent } from './common';
import { PinsPanel } from './pins-panel';

const MEASURES = [
  { key: 'count', result: 'meetings' },
  { key: 'weight', result: 'weight' },
  { key: 'fairness', result: 'fairness' },
] as const;

type Figures = NonNullable<ScheduleRun['result']>;
const figure = (figures: Figures | null | undefined, key: string): number | undefined => {
  const value = (figures as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'number' ? value : undefined;
};

// % of bound (0-100) as the server computed it, else from the figures.
export function percentOfBound(run: ScheduleRun, key: 'count' | 'weight' | 'fairness', result: string): number | undefined {
  const given = figure(run.pct_of_bound, key);
  if (given !== undefined) return given;
  const bound = figure(run.bounds, key);
  const value = figure(run.result, result);
  if (bound === undefined || value === undefined) return undefined;
  return bound === 0 ? 100 : (100 * value) / bound;
}

export function RunQuality({ run }: { run: ScheduleRun }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const show = (value: number | undefined) => (value === undefined ? '–' : formatNumber(value, lang));
  return (
    <div className="stack" data-testid="run-quality">
      <div className="table-scroll">
        <table className="table">
          <caption>{t('events.scheduler.quality')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('events.scheduler.measure')}</th>
              <th scope="col" className="ev-num">{t('events.scheduler.result')}</th>
              <th scope="col" className="ev-num">{t('events.scheduler.bound')}</th>
              <th scope="col" className="ev-num">{t('events.scheduler.pctOfBound')}</th>
              <th scope="col" className="ev-num">{t('events.scheduler.greedy')}</th>
            </tr>
          </thead>
          <tbody>
            {MEASURES.map(({ key, result }) => (
              <tr key={key} data-testid={`quality-${key}`}>
                <th scope="row">{t(`events.scheduler.measures.${key}`)}</th>
                <td className="ev-num">{show(figure(run.result, result))}</td>
                <td className="ev-num">{show(figure(run.bounds, key))}</td>
                <td className="ev-num">
                  <Percent value={percentOfBound(run, key, result)} language={lang} />
                </td>
                <td className="ev-num">{show(figure(run.greedy, result))}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('events.scheduler.measures.breaks')}</th>
              <td className="ev-num">{show(figure(run.result, 'breaks'))}</td>
              <td className="ev-num">–</td>
              <td className="ev-num">–</td>
              <td className="ev-num">{show(figure(run.greedy, 'breaks'))}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {figure(run.result, 'moved') !== undefined && run.mode === 'reoptimise' ? (
        <p>{t('events.scheduler.moved', { count: figure(run.result, 'moved') ?? 0 })}</p>
      ) : null}
      {run.check ? (
        run.check.feasible ? (
          <p className="alert alert--success" data-testid="run-check">
            {t('events.scheduler.feasible')}
          </p>
        ) : (
          <div className="alert alert--error" data-testid="run-check">
            <p>{t('events.scheduler.infeasible')}</p>
            <ul>
              {run.check.errors.map((error, i) => (
                <li key={i}>{error}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </div>
  );
}

function RunView({ eventId, runId }: { eventId: string; runId: string }) {
  const { t, i18n } = useTranslation();
  const run = useRun(eventId, runId);
  const publish = usePublishRun(eventId);
  if (!run.data) return run.isError ? <ErrorMessage error={run.error} /> : null;
  const r = run.data;
  return (
    <section className="stack ev-box" aria-label={t('events.scheduler.runTitle', { id: r.id })} data-testid="run-view">
      <h3>
        {t('events.scheduler.runTitle', { id: r.id })} · {t(`events.scheduler.modes.${r.mode}`, { defaultValue: r.mode })} ·{' '}
        <span data-testid="run-status">{t(`events.scheduler.status.${r.status}`, { defaultValue: r.status })}</span>
      </h3>
      {r.status === 'running' ? (
        <ProgressBar
          label={t('events.scheduler.progress')}
          value={r.progress}
          percentText={new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(Math.min(1, Math.max(0, r.progress)))}
        />
      ) : null}
      {r.status === 'failed' ? <p className="alert alert--error">{r.error || t('events.scheduler.failed')}</p> : null}
      {r.status === 'done' ? <RunQuality run={r} /> : null}
      {r.status === 'done' ? (
        r.published ? (
          <p data-testid="run-published">
            <span className="badge badge--ok">{t('events.scheduler.published')}</span>
          </p>
        ) : (
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={!r.check?.feasible || publish.isPending}
              onClick={() => publish.mutate(r.id, { onSuccess: () => void run.refetch() })}
            >
              {t('events.scheduler.publish')}
            </button>
          </div>
        )
      ) : null}
      {publish.isError ? <ErrorMessage error={publish.error} /> : null}
    </section>
  );
}

// Staff: start a run (mode, time limit), follow its progress, compare it with the bound and
// the greedy baseline, publish it; pin meetings before a re-run.
export function SchedulerPanel({ event }: { event: TbEvent }) {
  const { t, i18n } = useTranslation();
  const runs = useRuns(event.id);
  const start = useStartRun(event.id);
  const [mode, setMode] = useState('full');
  const [limit, setLimit] = useState('5');
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const latest = current ?? runs.data?.[runs.data.length - 1]?.id;
  const sorted = [...(runs.data ?? [])].sort((a, b) => Number(b.id) - Number(a.id));
  const shown = current ?? sorted[0]?.id ?? latest;
  return (
    <section className="stack" aria-labelledby="ev-scheduler-title" data-testid="scheduler-panel">
      <h2 id="ev-scheduler-title">{t('events.scheduler.title')}</h2>
      <form
        className="form ev-box"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate(
            { mode, time_limit_seconds: Number(limit) || 5 },
            {
              onSuccess: (run) => {
                setCurrent(run.id);
                void runs.refetch();
              },
            },
          );
        }}
      >
        <div className="form__row">
          <SelectField label={t('events.scheduler.mode')} value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="full">{t('events.scheduler.modes.full')}</option>
            <option value="reoptimise">{t('events.scheduler.modes.reoptimise')}</option>
          </SelectField>
          <TextField
            label={t('events.scheduler.timeLimit')}
            type="number"
            min={0.1}
            max={120}
            step={0.1}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
          />
        </div>
        <p className="field__hint">{t(`events.scheduler.modeHint.${mode}`)}</p>
        {start.isError ? <ErrorMessage error={start.error} /> : null}
        <div className="form__actions">
          <button type="submit" className="button" disabled={start.isPending}>
            {t('events.scheduler.run')}
          </button>
        </div>
      </form>
      {shown ? <RunView key={shown} eventId={event.id} runId={shown} /> : null}
      {sorted.length > 1 ? (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('events.scheduler.history')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('events.scheduler.mode')}</th>
                <th scope="col">{t('events.scheduler.statusLabel')}</th>
                <th scope="col" className="ev-num">{t('events.scheduler.measures.count')}</th>
                <th scope="col" className="ev-num">{t('events.scheduler.measures.weight')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {sorted.map((run) => (
                <tr key={run.id}>
                  <td>{run.id}</td>
                  <td>{t(`events.scheduler.modes.${run.mode}`, { defaultValue: run.mode })}</td>
                  <td>
                    {t(`events.scheduler.status.${run.status}`, { defaultValue: run.status })}
                    {run.published ? ` · ${t('events.scheduler.published')}` : ''}
                  </td>
                  <td className="ev-num">
                    <Percent value={percentOfBound(run, 'count', 'meetings')} language={i18n.language} />
                  </td>
                  <td className="ev-num">
                    <Percent value={percentOfBound(run, 'weight', 'weight')} language={i18n.language} />
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setCurrent(run.id)}>
                      {t('events.scheduler.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <PinsPanel event={event} />
    </section>
  );
}
