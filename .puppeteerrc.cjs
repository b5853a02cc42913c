// whatsapp-web.js drives the system Chromium (CHROMIUM_PATH); puppeteer must never download its own browser.
module.exports = { skipDownload: true };
