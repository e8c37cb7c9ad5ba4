package hu.miskolc.fourim.council;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The council's records: chair, meetings, items, agenda lines, votes and decisions — its minutes. */
@Repository
public class CouncilRepository {

    public record NewItem(String kind, String districtCode, String caseRef, UUID participantId,
                          String caseProcessInstanceId, String processInstanceId, String title, String question,
                          String submittedBy) {
    }

    public record Item(UUID id, String reference, String kind, String districtCode, String caseRef,
                       UUID participantId, String caseProcessInstanceId, String title, String question,
                       String summary, String proposedResolution, String instruction, String instructionPackage,
                       String instructionSupport, String submittedBy, Long meetingId, int postponements,
                       String status, String decision, String decisionText, String decidedHow, String decidedBy) {
    }

    public record Meeting(long id, LocalDate date, String place) {
    }

    public record Vote(String voter, String vote, String comment, String amendment, boolean chairDecision,
                       Instant votedAt) {
    }

    /** One line of a meeting's minutes: a vote (who, when, what), or the item's outcome at that meeting. */
    public record MinutesLine(String reference, String kind, String districtCode, String caseRef, String title,
                              String record, String who, Instant when, String what, String text,
                              boolean chairDecision, String instruction, String instructionPackage,
                              String instructionSupport) {
    }

    private final JdbcTemplate jdbc;

    CouncilRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> chair() {
        return jdbc.queryForList("select user_id from council_member where chair", String.class).stream().findFirst();
    }

    public boolean isChair(String userId) {
        return userId != null && chair().map(userId::equals).orElse(false);
    }

    /** Makes this user the chair (the previous chair stays a member without the mark). */
    public void setChair(String userId) {
        jdbc.update("update council_member set chair = false, updated_at = now() where chair and user_id <> ?", userId);
        jdbc.update("insert into council_member (user_id, chair) values (?, true) "
                + "on conflict (user_id) do update set chair = true, updated_at = now()", userId);
    }

    public Item create(NewItem item) {
        UUID id = UUID.randomUUID();
        long seq = jdbc.queryForObject("select nextval('council_item_seq')", Long.class);
        String reference = String.format("TIT-%d-%04d", Year.now().getValue(), seq);
        jdbc.update("insert into council_item (id, reference, kind, district_code, case_ref, participant_id, "
                        + "case_process_instance_id, process_instance_id, title, question, submitted_by, status) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted')",
                id, reference, item.kind(), item.districtCode(), item.caseRef(), item.participantId(),
                item.caseProcessInstanceId(), item.processInstanceId(), item.title(), item.question(),
                item.submittedBy());
        return item(id);
    }

    public Item item(UUID id) {
        return jdbc.queryForObject("select * from council_item where id = ?", CouncilRepository::mapItem, id);
    }

    public void prepare(UUID id, String summary, String proposedResolution, String instruction,
                        String instructionPackage, String instructionSupport) {
        jdbc.update("update council_item set summary = ?, proposed_resolution = ?, instruction = ?, "
                        + "instruction_package = ?, instruction_support = ? where id = ?",
                summary, proposedResolution, instruction, instructionPackage, instructionSupport, id);
    }

    /** The meeting on this day, created if there is none; bundles every item scheduled for the same day. */
    public Meeting meetingOn(LocalDate date, String place) {
        return jdbc.queryForObject("insert into council_meeting (meeting_date, place) values (?, ?) "
                        + "on conflict (meeting_date) do update set place = coalesce(council_meeting.place, excluded.place) "
                        + "returning id, meeting_date, place",
                (rs, i) -> mapMeeting(rs), date, place);
    }

    /** The next meeting after this day: a planned one, else a new one {@code gap} later in the same place. */
    public Meeting nextMeeting(Meeting after, Period gap) {
        return jdbc.query("select id, meeting_date, place from council_meeting where meeting_date > ? "
                        + "order by meeting_date limit 1", (rs, i) -> mapMeeting(rs), after.date())
                .stream().findFirst().orElseGet(() -> meetingOn(after.date().plus(gap), after.place()));
    }

    public Meeting meeting(long id) {
        return jdbc.queryForObject("select id, meeting_date, place from council_meeting where id = ?",
                (rs, i) -> mapMeeting(rs), id);
    }

    public Optional<Meeting> findMeeting(long id) {
        return jdbc.query("select id, meeting_date, place from council_meeting where id = ?",
                (rs, i) -> mapMeeting(rs), id).stream().findFirst();
    }

    public List<Meeting> meetings() {
        return jdbc.query("select id, meeting_date, place from council_meeting order by meeting_date desc",
                (rs, i) -> mapMeeting(rs));
    }

    public void schedule(UUID itemId, Meeting meeting) {
        jdbc.update("update council_item set meeting_id = ?, status = 'scheduled' where id = ?", meeting.id(), itemId);
        jdbc.update("insert into council_agenda (meeting_id, item_id, district_code) "
                        + "select ?, id, district_code from council_item where id = ? on conflict do nothing",
                meeting.id(), itemId);
    }

    public void postpone(UUID itemId, Meeting from, String reason, Meeting to) {
        closeAgenda(itemId, from.id(), "postponed", reason);
        jdbc.update("update council_item set postponements = postponements + 1 where id = ?", itemId);
        schedule(itemId, to);
    }

    /** The items on a meeting's agenda, in the order they were put on it. */
    public List<Item> agenda(long meetingId) {
        return jdbc.query("select i.* from council_agenda a join council_item i on i.id = a.item_id "
                + "where a.meeting_id = ? order by a.added_at, i.reference", CouncilRepository::mapItem, meetingId);
    }

    public void recordVote(UUID itemId, long meetingId, String voter, String vote, String comment, String amendment,
                           boolean chairDecision) {
        jdbc.update("insert into council_vote (item_id, meeting_id, district_code, voter, vote, comment, amendment, "
                        + "chair_decision) select id, ?, district_code, ?, ?, ?, ?, ? from council_item where id = ? "
                        + "on conflict (item_id, meeting_id, voter) do update set vote = excluded.vote, "
                        + "comment = excluded.comment, amendment = excluded.amendment, "
                        + "chair_decision = excluded.chair_decision, voted_at = now()",
                meetingId, voter, vote, comment, amendment, chairDecision, itemId);
    }

    public List<Vote> votes(UUID itemId, long meetingId) {
        return jdbc.query("select voter, vote, comment, amendment, chair_decision, voted_at from council_vote "
                        + "where item_id = ? and meeting_id = ? order by voted_at, id",
                (rs, i) -> new Vote(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getTimestamp(6).toInstant()), itemId, meetingId);
    }

    public void decide(UUID itemId, long meetingId, String decision, String text, String how, String decidedBy) {
        jdbc.update("update council_item set status = 'decided', decision = ?, decision_text = ?, decided_how = ?, "
                + "decided_by = ?, decided_at = now() where id = ?", decision, text, how, decidedBy, itemId);
        closeAgenda(itemId, meetingId, "decided", how);
    }

    public void markDelivered(UUID itemId, boolean delivered) {
        jdbc.update("update council_item set delivered_to_case = ? where id = ?", delivered, itemId);
    }

    /** Every vote and every outcome of a meeting, item by item, in order. */
    public List<MinutesLine> minutes(long meetingId) {
        return jdbc.query("""
                select i.reference, i.kind, i.district_code, i.case_ref, i.title, l.record, l.who, l.at, l.what,
                       l.text, l.chair_decision, l.instruction, l.instruction_package, l.instruction_support
                from council_agenda a
                join council_item i on i.id = a.item_id
                join lateral (
                    select 1 as sort, 'vote' as record, v.voter as who, v.voted_at as at, v.vote as what,
                           concat_ws(' · ', nullif(v.amendment, ''), nullif(v.comment, '')) as text,
                           v.chair_decision, null as instruction, null as instruction_package,
                           null as instruction_support, v.id as seq
                    from council_vote v where v.item_id = a.item_id and v.meeting_id = a.meeting_id
                    union all
                    select 2, 'decision', i.decided_by, i.decided_at, i.decision, i.decision_text,
                           i.decided_how = 'chair', i.instruction, i.instruction_package, i.instruction_support, 0
                    where a.outcome = 'decided'
                    union all
                    select 2, 'postponed', null, a.closed_at, a.outcome_reason, null, false, null, null, null, 0
                    where a.outcome = 'postponed'
                ) l on true
                where a.meeting_id = ?
                order by a.added_at, i.reference, l.sort, l.at, l.seq""",
                (rs, n) -> new MinutesLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
                        rs.getString(9), rs.getString(10), rs.getBoolean(11), rs.getString(12), rs.getString(13),
                        rs.getString(14)),
                meetingId);
    }

    private void closeAgenda(UUID itemId, long meetingId, String outcome, String reason) {
        jdbc.update("update council_agenda set outcome = ?, outcome_reason = ?, closed_at = now() "
                + "where item_id = ? and meeting_id = ?", outcome, reason, itemId, meetingId);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Meeting mapMeeting(ResultSet rs) throws SQLException {
        return new Meeting(rs.getLong("id"), rs.getObject("meeting_date", LocalDate.class), rs.getString("place"));
    }

    private static Item mapItem(ResultSet rs, int row) throws SQLException {
        long meeting = rs.getLong("meeting_id");
        Long meetingId = rs.wasNull() ? null : meeting;
        return new Item(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("kind"),
                rs.getString("district_code"), rs.getString("case_ref"), rs.getObject("participant_id", UUID.class),
                rs.getString("case_process_instance_id"), rs.getString("title"), rs.getString("question"),
                rs.getString("summary"), rs.getString("proposed_resolution"), rs.getString("instruction"),
                rs.getString("instruction_package"), rs.getString("instruction_support"),
                rs.getString("submitted_by"), meetingId, rs.getInt("postponements"),
                rs.getString("status"), rs.getString("decision"), rs.getString("decision_text"),
                rs.getString("decided_how"), rs.getString("decided_by"));
    }
}
