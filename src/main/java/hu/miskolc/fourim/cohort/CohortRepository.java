package hu.miskolc.fourim.cohort;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cohorts, their members, sessions, attendance and results. */
@Repository
public class CohortRepository {

    public record Cohort(UUID id, String reference, String districtCode, String pkg, String name, String facilitator,
                         String status) {
    }

    /** A participant as the group's lists show them: case reference and first name only. */
    public record Member(UUID participantId, String caseRef, String firstName) {
    }

    public record Session(long id, UUID cohortId, int no, LocalDate date, String topic) {
    }

    public record PlannedSession(LocalDate date, String topic) {
    }

    public record Result(UUID participantId, String caseRef, String result) {
    }

    private static final String MEMBER_COLUMNS = "select p.id, p.case_ref, m.first_name from participant p "
            + "join household_member m on m.id = p.member_id ";

    private final JdbcTemplate jdbc;

    CohortRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open cases of the district whose working group accepted them into the package. */
    public List<Member> candidates(String districtCode, String pkg) {
        return jdbc.query(MEMBER_COLUMNS + "where p.district_code = ? and p.closed_at is null and p.status <> 'closed' "
                        + "and exists (select 1 from referral r where r.participant_id = p.id and r.package = ? "
                        + "and r.status = 'accepted') order by p.case_ref",
                (rs, i) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), districtCode, pkg);
    }

    public Cohort create(String districtCode, String pkg, String name, String createdBy, String processInstanceId) {
        UUID id = UUID.randomUUID();
        long seq = jdbc.queryForObject("select nextval('cohort_seq')", Long.class);
        String reference = String.format("CSP-%d-%04d", Year.now().getValue(), seq);
        jdbc.update("insert into cohort (id, reference, district_code, package, name, status, created_by, "
                        + "process_instance_id) values (?, ?, ?, ?, ?, 'forming', ?, ?)",
                id, reference, districtCode, pkg, name, createdBy, processInstanceId);
        return cohort(id);
    }

    public Cohort cohort(UUID id) {
        return jdbc.queryForObject("select id, reference, district_code, package, name, facilitator, status "
                        + "from cohort where id = ?",
                (rs, i) -> new Cohort(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), id);
    }

    /** Members, facilitator and sessions; returns the session ids in order. */
    public List<Long> form(UUID cohortId, String facilitator, List<Member> members, List<PlannedSession> sessions) {
        Cohort cohort = cohort(cohortId);
        jdbc.update("update cohort set facilitator = ?, status = 'running' where id = ?", facilitator, cohortId);
        for (Member member : members) {
            jdbc.update("insert into cohort_member (cohort_id, participant_id, district_code, case_ref) "
                    + "values (?, ?, ?, ?) on conflict do nothing", cohortId, member.participantId(),
                    cohort.districtCode(), member.caseRef());
        }
        List<Long> ids = new ArrayList<>();
        int no = 1;
        for (PlannedSession session : sessions) {
            ids.add(jdbc.queryForObject("insert into cohort_session (cohort_id, district_code, session_no, session_date, "
                            + "topic) values (?, ?, ?, ?, ?) returning id", Long.class, cohortId, cohort.districtCode(),
                    no++, session.date(), session.topic()));
        }
        return ids;
    }

    public Session session(long id) {
        return jdbc.queryForObject("select id, cohort_id, session_no, session_date, topic from cohort_session where id = ?",
                (rs, i) -> new Session(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5)), id);
    }

    /** Members whose journey ended (withdrawn, moved away, closed) leave the group; the group goes on. */
    public int markProgrammeLeavers(UUID cohortId) {
        return jdbc.update("update cohort_member c set status = 'left', left_reason = 'programme', left_at = now() "
                + "from participant p where p.id = c.participant_id and c.cohort_id = ? and c.status = 'active' "
                + "and (p.status = 'closed' or p.closed_at is not null)", cohortId);
    }

    public List<Member> activeMembers(UUID cohortId) {
        return jdbc.query(MEMBER_COLUMNS + "join cohort_member c on c.participant_id = p.id "
                        + "where c.cohort_id = ? and c.status = 'active' order by p.case_ref",
                (rs, i) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), cohortId);
    }

    public void leave(UUID cohortId, UUID participantId, String reason) {
        jdbc.update("update cohort_member set status = 'left', left_reason = ?, left_at = now() "
                + "where cohort_id = ? and participant_id = ? and status = 'active'", reason, cohortId, participantId);
    }

    public void recordAttendance(long sessionId, UUID participantId, boolean present, String note) {
        jdbc.update("insert into cohort_attendance (session_id, participant_id, district_code, present, note) "
                        + "select ?, ?, district_code, ?, ? from cohort_session where id = ? "
                        + "on conflict (session_id, participant_id) do update set present = excluded.present, "
                        + "note = excluded.note", sessionId, participantId, present, note, sessionId);
    }

    public void sessionHeld(long sessionId, String recordedBy, String note) {
        jdbc.update("update cohort_session set held_at = now(), recorded_by = ?, note = ? where id = ?", recordedBy, note,
                sessionId);
    }

    public void recordResult(UUID cohortId, UUID participantId, String result) {
        jdbc.update("update cohort_member set result = ?, result_at = now() where cohort_id = ? and participant_id = ?",
                result, cohortId, participantId);
    }

    /** The results of the members who stayed to the end. */
    public List<Result> results(UUID cohortId) {
        return jdbc.query("select participant_id, case_ref, result from cohort_member where cohort_id = ? "
                        + "and status = 'active' and result is not null order by case_ref",
                (rs, i) -> new Result(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)), cohortId);
    }

    public void close(UUID cohortId) {
        jdbc.update("update cohort set status = 'closed', closed_at = now() where id = ?", cohortId);
    }
}
