/**
 * The scanning service: scanners that joined the controller, the jobs given to them by credit from a high and a low
 * priority queue, and NeuVector's {@code /v1/scan} API over them. The controller scans nothing itself: a job's
 * request and report are JSON in NeuVector's field names, made and read by the scanner.
 */
package dev.bulwark.controller.scan;
