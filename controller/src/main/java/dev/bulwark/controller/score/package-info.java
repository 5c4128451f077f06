/**
 * NeuVector's security risk score, the dashboard's one number: {@code GET /v1/system/score/metrics} gathers what
 * the score is made of ({@link dev.bulwark.controller.score.RiskMetrics}) and scores it, {@code POST} scores
 * metrics a client changed to see what an improvement would give ({@link dev.bulwark.controller.score.ScoreApi}).
 * The formula is a pure function of the metrics ({@link dev.bulwark.controller.score.RiskScore}); it stores
 * nothing and judges nothing of its own. Exposure (ingress and egress) stays empty until the network stage; start
 * at {@code RiskScore}.
 */
package dev.bulwark.controller.score;
