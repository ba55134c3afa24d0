package org.lifeboat.rebuild.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lifeboat.rebuild.SecretHeader;

/**
 * The {@code hook} mode: the application rebuilds its own indices when asked. Lifeboat
 * authenticates ({@link TokenSettings}, optional), triggers, polls a status until it reads a
 * completed or failed value or the timeout passes, then checks each index.
 *
 * @param token how to get a token, or {@code null} for none
 * @param headers headers sent on every call, their values from secret files (for example an API key)
 * @param triggerUrl what starts the rebuild
 * @param triggerMethod its method ({@code POST} if {@code null})
 * @param triggerBodyFile the trigger's JSON body, or {@code null} for none
 * @param jobIdField a field of the trigger's JSON answer whose value replaces {@code {id}} in the
 *     status URL, or {@code null} when the status URL has no {@code {id}}
 * @param statusUrl polled with GET; may hold {@code {id}}
 * @param statusField the status answer's JSON field, dots for nesting ({@code status} if {@code null})
 * @param completedValues values of that field meaning done ({@code completed} if empty)
 * @param failedValues values meaning the rebuild failed ({@code failed} if empty); any other value means still running
 * @param pollInterval time between two polls ({@code PT5S} if {@code null})
 * @param timeout how long the whole rebuild may take, from the trigger ({@code PT1H} if {@code null})
 * @param connectTimeout for each call ({@code PT10S} if {@code null})
 * @param requestTimeout for each call's answer ({@code PT30S} if {@code null})
 * @param checks the indices to check afterwards
 */
public record HookSettings(
        TokenSettings token,
        List<SecretHeader> headers,
        URI triggerUrl,
        String triggerMethod,
        Path triggerBodyFile,
        String jobIdField,
        String statusUrl,
        String statusField,
        Set<String> completedValues,
        Set<String> failedValues,
        Duration pollInterval,
        Duration timeout,
        Duration connectTimeout,
        Duration requestTimeout,
        List<IndexCheckSettings> checks) {

    public HookSettings {
        headers = List.copyOf(headers == null ? List.of() : headers);
        Objects.requireNonNull(triggerUrl, "triggerUrl");
        triggerMethod = triggerMethod == null ? "POST" : triggerMethod;
        Objects.requireNonNull(statusUrl, "statusUrl");
        if (statusUrl.contains("{id}") != (jobIdField != null)) {
            throw new IllegalArgumentException("the status URL has {id} only together with job-id-field (status URL '"
                    + URI.create(statusUrl.replace("{id}", "id")).getPath() + "')");
        }
        statusField = statusField == null ? "status" : statusField;
        completedValues = Set.copyOf(completedValues == null || completedValues.isEmpty() ? Set.of("completed") : completedValues);
        failedValues = Set.copyOf(failedValues == null || failedValues.isEmpty() ? Set.of("failed") : failedValues);
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        timeout = timeout == null ? Duration.ofHours(1) : timeout;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        checks = List.copyOf(checks == null ? List.of() : checks);
    }
}
