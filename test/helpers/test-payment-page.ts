/**
 * @module Presses Confirm or Decline on the TEST payment page as a browser does: opens the page (which sets the CSRF
 * cookie and puts the token in each form), then posts the form with both.
 */
export async function pressTestPayment(pageUrl: string, action: 'confirm' | 'decline'): Promise<Response> {
  const page = await fetch(pageUrl);
  const html = await page.text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return fetch(`${pageUrl}/${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ csrf: token }),
  });
}
