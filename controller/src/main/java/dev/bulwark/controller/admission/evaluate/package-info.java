/**
 * Admission control's evaluation: an AdmissionReview ({@link dev.bulwark.controller.admission.evaluate.Reviews}) is
 * judged against the configured state and rules ({@link dev.bulwark.controller.admission.evaluate.AdmissionPolicy},
 * compiled once per change) by {@link dev.bulwark.controller.admission.evaluate.AdmissionEvaluator}, which answers a
 * {@link dev.bulwark.controller.admission.evaluate.Verdict} in NeuVector's words. Pure: no server, store or clock of
 * its own; image scans come through {@link dev.bulwark.controller.admission.evaluate.ImageFactsSource}. The webhook,
 * statistics and events are built on top of it elsewhere.
 */
package dev.bulwark.controller.admission.evaluate;
