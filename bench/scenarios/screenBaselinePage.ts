/**
 * Returns the HTML of the screen benchmark's baseline page. Its script reads
 * the token from the URL fragment, fetches one page of the customer's failed
 * transactions from the API and writes them into a plain table with
 * `textContent`. The page has no styles, modules or other requests. The
 * customer id is a GUID, so it is safe inside the script.
 */
export function baselinePage(customerId: string, pageSize: number): string {
  const script = `
const token = new URLSearchParams(location.hash.slice(1)).get('access_token');
fetch('/api/customers/${customerId}/failed-messages?pageSize=${pageSize}', { headers: { authorization: 'Bearer ' + token } })
  .then((response) => response.json())
  .then((page) => {
    const body = document.getElementById('rows');
    for (const item of page.items) {
      const row = document.createElement('tr');
      for (const value of [item.timestamp, item.applicationName, item.environment, item.method + ' ' + item.endpoint, item.errorSummary, String(item.retries)]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      body.append(row);
    }
  });`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title></head><body><table><tbody id="rows"></tbody></table><script>${script}</script></body></html>`;
}
