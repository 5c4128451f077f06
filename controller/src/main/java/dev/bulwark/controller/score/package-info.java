/**
 * NeuVector's security risk score, the dashboard's one number, as a pure function of the metrics it is made of
 * ({@link dev.bulwark.controller.score.RiskScore}): it stores nothing and judges nothing of its own. Start at
 * {@code RiskScore}.
 */
package dev.bulwark.controller.score;
