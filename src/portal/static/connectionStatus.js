/**
 * The connection status banner: each application × environment's state and
 * a 30-day outage timeline drawn as one bar per day, like an uptime bar.
 */
import { countOf, element } from './dom.js';
import { formatDay, formatShortDateTime } from './dates.js';
import { failureClassLabel } from './labels.js';

/** Days the timeline covers, today included. */
export const timelineDays = 30;

/**
 * Returns the local days of the timeline, oldest first, each marked when an outage overlapped it.
 * @param {Array<{ firstErrorTime: string, lastErrorTime: string, recoveredTime: string | null, success: boolean }>} logs
 * @param {Date} now
 * @returns {Array<{ start: Date, outage: boolean }>}
 */
export function outageDays(logs, now) {
  const intervals = logs.map((log) => {
    const start = new Date(log.firstErrorTime).getTime();
    const endText = log.recoveredTime ?? (log.success ? log.lastErrorTime : null);
    return { start, end: endText ? new Date(endText).getTime() : now.getTime() };
  });
  const days = [];
  for (let back = timelineDays - 1; back >= 0; back -= 1) {
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
    const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back + 1);
    const outage = intervals.some((interval) => interval.start < end.getTime() && interval.end >= start.getTime());
    days.push({ start, outage });
  }
  return days;
}

/** @param {Array<{ start: Date, outage: boolean }>} days */
function describeTimeline(days) {
  const down = days.filter((day) => day.outage);
  if (down.length === 0) {
    return `Last ${timelineDays} days: no outage recorded.`;
  }
  return `Last ${timelineDays} days: outages on ${countOf(down.length, 'day')}: ${down.map((day) => formatDay(day.start)).join(', ')}.`;
}

/** @param {Array<{ start: Date, outage: boolean }>} days */
function timeline(days) {
  const bars = days.map((day) =>
    element('span', {
      className: day.outage ? 'day day-outage' : 'day day-ok',
      attributes: { title: `${formatDay(day.start)}: ${day.outage ? 'outage' : 'no outage recorded'}` },
    }),
  );
  // role="img" makes the bars one picture whose label is its text alternative.
  return element('div', { className: 'timeline' }, [
    element('div', { className: 'uptime', attributes: { role: 'img', 'aria-label': describeTimeline(days) } }, bars),
    element('div', { className: 'timeline-scale', attributes: { 'aria-hidden': 'true' } }, [
      element('span', { text: `${timelineDays} days ago` }),
      element('span', { text: 'Today' }),
    ]),
  ]);
}

/** @param {any} connection */
function stateLine(connection) {
  if (!connection.enabled) {
    return { badge: 'Disabled', tone: 'muted', detail: 'This connection is switched off, so it is not checked.' };
  }
  if (connection.state === 'down') {
    const since = formatShortDateTime(connection.downSince);
    const reason = failureClassLabel(connection.failureClass);
    const detail = `Down since ${since || 'an unknown time'}: ${reason}${connection.lastError ? `. ${connection.lastError}` : ''}`;
    return { badge: 'Down', tone: 'down', detail };
  }
  if (connection.state === 'healthy') {
    const checked = formatShortDateTime(connection.lastCheckedAt);
    return { badge: 'Healthy', tone: 'ok', detail: checked ? `Last checked ${checked}` : 'Healthy' };
  }
  return { badge: 'Not checked yet', tone: 'muted', detail: 'No connection check has run yet.' };
}

/**
 * Renders the banner into `list`: one item per connection with its state and timeline.
 * @param {HTMLElement} list
 * @param {any[]} connections from GET /connections
 * @param {any[]} syncLogs from GET /sync-logs
 * @param {Date} now
 */
export function renderConnectionStatus(list, connections, syncLogs, now) {
  const items = connections.map((connection) => {
    const { badge, tone, detail } = stateLine(connection);
    const logs = syncLogs.filter((log) => log.applicationId === connection.applicationId && log.environment === connection.environment);
    return element('li', { className: `connection connection-${tone}` }, [
      element('div', { className: 'connection-head' }, [
        element('span', { className: 'connection-name', text: `${connection.applicationName} · ${connection.environment}` }),
        element('span', { className: `badge badge-${tone}`, text: badge }),
      ]),
      element('p', { className: 'connection-detail', text: detail }),
      timeline(outageDays(logs, now)),
    ]);
  });
  list.replaceChildren(...items);
}
