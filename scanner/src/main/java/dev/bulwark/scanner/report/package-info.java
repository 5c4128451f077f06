/**
 * Report output for {@code bulwark scan}: the table for people and JSON for tools. Writers take a finished
 * {@link dev.bulwark.core.scan.ImageInventory} and do no analysis. Start at
 * {@link dev.bulwark.scanner.report.ReportFormat}.
 */
package dev.bulwark.scanner.report;
