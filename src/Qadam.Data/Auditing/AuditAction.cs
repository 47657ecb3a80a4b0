namespace Qadam.Auditing;

/// <summary>Audit actions, numbered in blocks per area. Numbers are stored: never renumber.</summary>
public enum AuditAction
{
    Login_Succeeded = 1000,
    Login_Failed = 1001,
    Login_LockedOut = 1002,
    Login_TwoFactorFailed = 1003,
    Logout = 1004,
    TwoFactor_Enabled = 1010,
    TwoFactor_Disabled = 1011,
    Password_Changed = 1012,

    Person_Viewed = 1100,
    Person_Created = 1101,
    Person_Updated = 1102,
    Person_Merged = 1103,
    Person_Exported = 1104,
    Person_Searched = 1105,

    Consent_Given = 1200,
    Consent_Withdrawn = 1201,

    BreakGlass_Granted = 1300,
    BreakGlass_Used = 1301,

    User_Created = 1400,
    User_Updated = 1401,
    User_Locked = 1402,
    TwoFactorPolicy_Changed = 1403,

    Audit_Viewed = 1500,
    Audit_Verified = 1501,

    Study_Created = 1600,
    Study_Locked = 1601,
    Study_Amended = 1602,
    Study_Run = 1603,
    Study_Exported = 1604,

    Activity_Created = 1700,
    Session_Added = 1701,
    Attendance_Recorded = 1702,
    Attendance_Viewed = 1703,

    Employer_Created = 1800,
    Employer_Updated = 1801,
    Applicant_Registered = 1802,
    Applicant_Listed = 1803,
    MatchRun_Created = 1804,
    MatchRun_Adjusted = 1805,
    MatchRun_Approved = 1806,
    MatchRun_Viewed = 1807,
    MatchRun_Discarded = 1808,
    Placement_Created = 1809,
    Placement_Viewed = 1810,
    Placement_Ended = 1811,
    CheckIn_Recorded = 1812,
    Subsidy_Paid = 1813,
    Subsidy_Withheld = 1814,
    FollowUp_Recorded = 1815,
    Import_Committed = 1816,
    EmployerAccount_Linked = 1817,

    Contact_Recorded = 1900,
    Contact_Viewed = 1901,
    Contact_Listed = 1902,
    Caller_Flagged = 1903,
    Contact_SummariesErased = 1904,
    ContactParty_Linked = 1905,

    Case_Opened = 2000,
    Case_Viewed = 2001,
    Case_Listed = 2002,
    Case_Changed = 2003,
    Case_StatusChanged = 2004,
    CaseTask_Reminded = 2005,

    Referral_Sent = 2010,
    Referral_Accepted = 2011,
    Referral_Declined = 2012,
    Referral_Completed = 2013,
    Referral_Revoked = 2014,
    Referral_Viewed = 2015,
    Referral_DeadlinePassed = 2016,

    ServiceOffering_Added = 2020,
}
