-- Columns of SyncLogs beyond the core ones: recovery time, failure count, the
-- last error, and the claim and send times of the outage and recovery emails.
-- Each column is added only when it is missing, so the script can run again.

IF COL_LENGTH(N'dbo.SyncLogs', N'RecoveredTime') IS NULL
    ALTER TABLE dbo.SyncLogs ADD RecoveredTime datetime2(3) NULL;

-- Existing rows get 1: each was opened by one failed check.
IF COL_LENGTH(N'dbo.SyncLogs', N'FailureCount') IS NULL
    ALTER TABLE dbo.SyncLogs ADD FailureCount int NOT NULL CONSTRAINT DF_SyncLogs_FailureCount DEFAULT 1;

IF COL_LENGTH(N'dbo.SyncLogs', N'LastErrorClass') IS NULL
    ALTER TABLE dbo.SyncLogs ADD LastErrorClass nvarchar(40) NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'LastErrorMessage') IS NULL
    ALTER TABLE dbo.SyncLogs ADD LastErrorMessage nvarchar(2000) NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'LastStatusCode') IS NULL
    ALTER TABLE dbo.SyncLogs ADD LastStatusCode int NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'AlertEmailClaimedTime') IS NULL
    ALTER TABLE dbo.SyncLogs ADD AlertEmailClaimedTime datetime2(3) NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'AlertEmailSentTime') IS NULL
    ALTER TABLE dbo.SyncLogs ADD AlertEmailSentTime datetime2(3) NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'AlertEmailRecipients') IS NULL
    ALTER TABLE dbo.SyncLogs ADD AlertEmailRecipients nvarchar(4000) NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'RecoveryEmailClaimedTime') IS NULL
    ALTER TABLE dbo.SyncLogs ADD RecoveryEmailClaimedTime datetime2(3) NULL;

IF COL_LENGTH(N'dbo.SyncLogs', N'RecoveryEmailSentTime') IS NULL
    ALTER TABLE dbo.SyncLogs ADD RecoveryEmailSentTime datetime2(3) NULL;
GO
