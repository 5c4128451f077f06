/**
 * The link between enforcers and their controller: the gRPC services of {@code link.proto} over mutual TLS with
 * certificates of the controller's internal CA ({@link dev.bulwark.link.LinkTls}), join tokens
 * ({@link dev.bulwark.link.JoinToken}), and the JSON bodies the two exchange ({@code link.model}).
 */
package dev.bulwark.link;
