package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.HIGH;
import static dev.bulwark.scanner.secret.SecretRule.inner;
import static dev.bulwark.scanner.secret.SecretRule.keyed;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;
import static dev.bulwark.scanner.secret.SecretRules.END;

import java.util.List;

/** AI model providers and their tooling. */
final class AiRules {

    private AiRules() {}

    static List<SecretRule> all() {
        return List.of(
                inner("openai-api-key", "OpenAI", "OpenAI API key", HIGH,
                        "\\bsk-[A-Za-z0-9_\\-]{20,74}T3BlbkFJ[A-Za-z0-9_\\-]{20,74}" + END, "t3blbkfj"),
                prefixed("openai-project-key", "OpenAI", "OpenAI project, service account or admin key", HIGH,
                        "\\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_\\-]{40,250}+" + END, "sk-proj-", "sk-svcacct-",
                        "sk-admin-"),
                prefixed("anthropic-api-key", "Anthropic", "Anthropic API key", HIGH,
                        "\\bsk-ant-(?:api03|admin01)-[A-Za-z0-9_\\-]{93}AA" + END, "sk-ant-"),
                prefixed("huggingface-token", "Hugging Face", "Hugging Face access token", HIGH,
                        "\\b(?:hf_|api_org_)[A-Za-z]{34}" + END, "hf_", "api_org_"),
                keyed("cohere-api-key", "Cohere", "Cohere API key", HIGH, "[A-Za-z0-9]{40}", "cohere", "co_api_key"),
                prefixed("groq-api-key", "Groq", "Groq API key", HIGH, "\\bgsk_[A-Za-z0-9]{52}" + END, "gsk_"),
                prefixed("replicate-api-token", "Replicate", "Replicate API token", HIGH, "\\br8_[A-Za-z0-9]{37}" + END,
                        "r8_"),
                prefixed("perplexity-api-key", "Perplexity", "Perplexity API key", HIGH, "\\bpplx-[A-Za-z0-9]{48}" + END,
                        "pplx-"),
                keyed("mistral-api-key", "Mistral", "Mistral AI API key", HIGH, "[A-Za-z0-9]{32}", "mistral"),
                prefixed("xai-api-key", "xAI", "xAI API key", HIGH, "\\bxai-[A-Za-z0-9]{80}" + END, "xai-"),
                keyed("deepseek-api-key", "DeepSeek", "DeepSeek API key", HIGH, "sk-[a-f0-9]{32}", "deepseek"),
                prefixed("openrouter-api-key", "OpenRouter", "OpenRouter API key", HIGH,
                        "\\bsk-or-v1-[a-f0-9]{64}" + END, "sk-or-v1-"),
                prefixed("langsmith-api-key", "LangChain", "LangSmith API key", HIGH,
                        "\\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}" + END, "lsv2_"),
                prefixed("pinecone-api-key", "Pinecone", "Pinecone API key", HIGH,
                        "\\bpcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}" + END, "pcsk_"),
                prefixed("fireworks-api-key", "Fireworks", "Fireworks AI API key", HIGH, "\\bfw_[A-Za-z0-9]{24}" + END,
                        "fw_"),
                prefixed("elevenlabs-api-key", "ElevenLabs", "ElevenLabs API key", HIGH, "\\bsk_[a-f0-9]{48}" + END,
                        "sk_"),
                keyed("together-api-key", "Together AI", "Together AI API key", HIGH, "[a-f0-9]{64}", "together"),
                keyed("wandb-api-key", "Weights & Biases", "Weights & Biases API key", HIGH, "[a-f0-9]{40}", "wandb"),
                keyed("assemblyai-api-key", "AssemblyAI", "AssemblyAI API key", HIGH, "[a-f0-9]{32}", "assemblyai"),
                keyed("deepgram-api-key", "Deepgram", "Deepgram API key", HIGH, "[a-f0-9]{40}", "deepgram"));
    }
}
