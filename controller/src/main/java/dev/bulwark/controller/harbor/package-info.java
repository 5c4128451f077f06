/**
 * Harbor's Pluggable Scanner API v1.1 under {@code /api/v1}, so that Harbor scans with Bulwark as it does with
 * NeuVector's registry adapter: a Harbor scan request becomes a high priority {@code repository} job of the scanning
 * service ({@code controller.scan}), pulled by digest, and the scanner's {@code RESTScanRepoReport} becomes Harbor's
 * vulnerability report. It holds no scanning of its own and stores nothing: finished reports are kept in memory for
 * a bounded time ({@link dev.bulwark.controller.harbor.HarborScans}). Start at
 * {@link dev.bulwark.controller.harbor.HarborApi}.
 */
package dev.bulwark.controller.harbor;
