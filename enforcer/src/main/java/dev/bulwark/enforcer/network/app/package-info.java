/**
 * Application identification: which protocol a TCP or UDP conversation speaks, decided from the first bytes of each
 * direction ({@link dev.bulwark.enforcer.network.app.AppClassifier}), named as NeuVector's DPI names it ("HTTP",
 * "SSL", "SSH", "DNS", "MySQL", "PostgreSQL", "Redis", "MongoDB", "Kafka", "gRPC"). Pure Java: nothing here captures
 * packets; {@code enforcer.network.flow} feeds it the first packets of each connection.
 */
package dev.bulwark.enforcer.network.app;
