/**
 * The scanner as a service: what a scanner worker runs for NeuVector's CI scan, {@code POST /v1/scan/repository},
 * whatever carries the job to it. {@link dev.bulwark.scanner.service.RepositoryScanRequest} is the request
 * ({@code RESTScanRepoReq}), checked; {@link dev.bulwark.scanner.service.RepositoryScanner} pulls and scans the
 * image and matches it, giving {@link dev.bulwark.scanner.service.RepositoryScanReport} ({@code RESTScanRepoReport}).
 */
package dev.bulwark.scanner.service;
