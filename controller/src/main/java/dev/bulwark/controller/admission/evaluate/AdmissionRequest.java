package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One AdmissionReview's request, parsed. kind is the object's kind ("Pod", "Deployment", ...). */
public record AdmissionRequest(String apiVersion, String uid, String kind, String operation, String namespace,
        String name, String user, List<String> groups, JsonNode object) {}
