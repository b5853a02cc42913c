/** @module The report and live-view pages' own stylesheet and script (files: the CSP allows nothing inline). */
import { href } from '../context.ts';
import { ASSET_VERSION } from '../routes/assets.ts';

export function ReportAssets() {
  return (
    <>
      <link rel="stylesheet" href={href(`/assets/reports.css?v=${ASSET_VERSION}`)} />
      <script src={href(`/assets/reports.js?v=${ASSET_VERSION}`)} defer></script>
    </>
  );
}
