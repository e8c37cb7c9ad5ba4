package hu.miskolc.fourim.council;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the council decides ({@code fourim.council.*}).
 *
 * @param minVotes          an item is decided only if at least this many members voted
 * @param quorumShare       … and more than this share of the members voted (0.5: a majority of the members)
 * @param votingClosesAt    voting on a meeting's items closes at this time of the meeting day; a tie or missing
 *                          quorum then moves the item to the next meeting
 * @param nextMeetingAfter  the next meeting, when none is planned yet: this long after the current one
 * @param defaultPlace      the meeting place suggested to the coordinator
 * @param zone              time zone of meeting dates
 */
@ConfigurationProperties("fourim.council")
public record CouncilSettings(
        @DefaultValue("3") int minVotes,
        @DefaultValue("0.5") double quorumShare,
        @DefaultValue("18:00") LocalTime votingClosesAt,
        @DefaultValue("P14D") Period nextMeetingAfter,
        @DefaultValue("Társadalmi Innovációs Forrásközpont") String defaultPlace,
        @DefaultValue("Europe/Budapest") ZoneId zone) {

    public CouncilSettings {
        if (minVotes < 1 || quorumShare < 0 || quorumShare >= 1) {
            throw new IllegalArgumentException("fourim.council: min-votes must be at least 1 and quorum-share in [0, 1)");
        }
    }

    /** Votes needed for a decision when the council has this many members. */
    public int quorum(int members) {
        return Math.max(minVotes, (int) Math.floor(members * quorumShare) + 1);
    }

    /** When voting on the items of a meeting held on this day closes. */
    public Date votingDeadline(LocalDate meetingDate) {
        return Date.from(meetingDate.atTime(votingClosesAt).atZone(zone).toInstant());
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }
}
