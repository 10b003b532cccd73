package io.leakwatch.statement.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leakwatch.contracts.statement.StatementApproved;
import io.leakwatch.contracts.statement.StatementDrafted;
import io.leakwatch.contracts.statement.StatementEdited;
import io.leakwatch.contracts.statement.StatementPublished;
import io.leakwatch.contracts.statement.StatementWithdrawn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The versions of one incident's public holding statement and their life: drafted from facts or edited by a person,
 * approved, published, withdrawn. Drafts and edits always make a new version; an approved or published version's
 * words never change.
 */
public class Statement {

    @AggregateIdentifier
    private String incidentId;

    private int latest;
    private final Map<Integer, Version> versions = new HashMap<>();
    /** The words of the last version drafted from facts, which a new fact is compared with. */
    private String draftedTextId;

    private String draftedTextEn;
    /** The highest version ever published; an older one can no longer be. */
    private int highestPublished;

    private record Version(String textId, String textEn, VersionStatus status) {

        Version with(VersionStatus next) {
            return new Version(textId, textEn, next);
        }
    }

    protected Statement() {
        // For Axon, which rebuilds the statement from its events.
    }

    /**
     * A fact that changes no word of the last drafted text drafts no new version (after a person's edit too: the
     * edit stays the latest until the facts say something new).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    int handle(DraftStatement command) {
        if (command.textId().equals(draftedTextId) && command.textEn().equals(draftedTextEn)) {
            return latest;
        }
        apply(new StatementDrafted(
                command.incidentId(),
                latest + 1,
                command.causedBy(),
                command.textId(),
                command.textEn(),
                command.draftedAt()));
        return latest;
    }

    /** @return the version that now holds the words: a new one, or the same one when nothing changed */
    @CommandHandler
    int handle(EditStatement command) {
        requireText(command.textId(), "textId");
        requireText(command.textEn(), "textEn");
        requireText(command.author(), "author");
        Version base = version(command.basedOn());
        requireLatest(command.basedOn(), "edit");
        if (base.textId().equals(command.textId()) && base.textEn().equals(command.textEn())) {
            return command.basedOn();
        }
        apply(new StatementEdited(
                incidentId,
                latest + 1,
                command.basedOn(),
                command.textId(),
                command.textEn(),
                command.author(),
                command.editedAt()));
        return latest;
    }

    @CommandHandler
    VersionStatus handle(ApproveStatement command) {
        requireText(command.approver(), "approver");
        Version version = version(command.version());
        switch (version.status()) {
            case APPROVED:
                return VersionStatus.APPROVED;
            case PUBLISHED, WITHDRAWN:
                throw new StatementRefused("Version " + command.version() + " is " + version.status()
                        + " already; approve a draft instead");
            default:
                break;
        }
        requireLatest(command.version(), "approve");
        List<String> missing = StatementElement.missing(version.textId(), version.textEn());
        if (!missing.isEmpty()) {
            throw new StatementRefused(
                    "Version " + command.version() + " cannot be approved: it lacks " + String.join(", ", missing),
                    missing);
        }
        apply(new StatementApproved(incidentId, command.version(), command.approver(), command.approvedAt()));
        return VersionStatus.APPROVED;
    }

    @CommandHandler
    VersionStatus handle(PublishStatement command) {
        requireText(command.publisher(), "publisher");
        Version version = version(command.version());
        switch (version.status()) {
            case PUBLISHED:
                return VersionStatus.PUBLISHED;
            case DRAFT:
                throw new StatementRefused(
                        "Version " + command.version() + " is not approved; only an approved version is published");
            case WITHDRAWN:
                throw new StatementRefused("Version " + command.version() + " was withdrawn; edit it into a new one");
            default:
                break;
        }
        if (command.version() < highestPublished) {
            throw new StatementRefused("Version " + command.version() + " is older than version " + highestPublished
                    + ", which was published already");
        }
        apply(new StatementPublished(
                incidentId,
                command.version(),
                version.textId(),
                version.textEn(),
                command.publisher(),
                command.publishedAt()));
        return VersionStatus.PUBLISHED;
    }

    @CommandHandler
    VersionStatus handle(WithdrawStatement command) {
        requireText(command.reason(), "reason");
        requireText(command.withdrawer(), "withdrawer");
        Version version = version(command.version());
        if (version.status() == VersionStatus.WITHDRAWN) {
            return VersionStatus.WITHDRAWN;
        }
        if (version.status() != VersionStatus.PUBLISHED) {
            throw new StatementRefused("Version " + command.version() + " is " + version.status()
                    + "; only a published version can be withdrawn");
        }
        apply(new StatementWithdrawn(
                incidentId, command.version(), command.reason().strip(), command.withdrawer(), command.withdrawnAt()));
        return VersionStatus.WITHDRAWN;
    }

    private Version version(int number) {
        Version version = versions.get(number);
        if (version == null) {
            throw new StatementRefused.NoSuchVersion(incidentId, number);
        }
        return version;
    }

    private void requireLatest(int number, String action) {
        if (number != latest) {
            throw new StatementRefused("Version " + number + " is not the latest (" + latest + "); " + action
                    + " the latest version instead");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @EventSourcingHandler
    void on(StatementDrafted event) {
        incidentId = event.incidentId();
        latest = event.version();
        draftedTextId = event.textId();
        draftedTextEn = event.textEn();
        versions.put(event.version(), new Version(event.textId(), event.textEn(), VersionStatus.DRAFT));
    }

    @EventSourcingHandler
    void on(StatementEdited event) {
        latest = event.version();
        versions.put(event.version(), new Version(event.textId(), event.textEn(), VersionStatus.DRAFT));
    }

    @EventSourcingHandler
    void on(StatementApproved event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.with(VersionStatus.APPROVED));
    }

    @EventSourcingHandler
    void on(StatementPublished event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.with(VersionStatus.PUBLISHED));
        highestPublished = Math.max(highestPublished, event.version());
    }

    @EventSourcingHandler
    void on(StatementWithdrawn event) {
        versions.computeIfPresent(event.version(), (n, v) -> v.with(VersionStatus.WITHDRAWN));
    }
}
