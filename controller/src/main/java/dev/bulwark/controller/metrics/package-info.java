/** The controller's figures for Prometheus ({@code GET /metrics}): scanners, scan jobs, findings and what runs. */
package dev.bulwark.controller.metrics;
