package dev.bulwark.controller.admission.evaluate;

public record MatchedRule(int id, String type, String mode, String container, String details) {}
