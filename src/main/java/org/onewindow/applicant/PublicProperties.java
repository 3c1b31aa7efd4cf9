package org.onewindow.applicant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the online hall's public API ({@code onewindow.public}), per client address.
 *
 * @param maxWrongCodes wrong query codes (or unknown receipt numbers) within {@code wrongCodeWindow}
 *     after which the client is blocked for {@code blockFor} (429)
 * @param maxApplications online applications within {@code applicationWindow} after which the
 *     client is blocked for the rest of that window
 * @param maxTrackedClients clients remembered at most (memory bound)
 */
@ConfigurationProperties("onewindow.public")
public record PublicProperties(
    @DefaultValue("5") int maxWrongCodes,
    @DefaultValue("10m") Duration wrongCodeWindow,
    @DefaultValue("10m") Duration blockFor,
    @DefaultValue("100") int maxApplications,
    @DefaultValue("1h") Duration applicationWindow,
    @DefaultValue("10000") int maxTrackedClients) {}
