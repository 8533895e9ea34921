// Alert rules for operators, on the Application Insights component, and the
// action group that emails them.
//
// The app writes each event as one trace line "SyncGuardEvent <Name> <JSON>"
// (see src/telemetry/events.ts). Each query selects one event by name, parses
// its JSON with the same expression and reads only that event's fields.
// Renaming an event or a field in the code breaks the matching rule here; the
// tests in test/infra check the names against the code.
//
// The event rules look back 15 minutes every 5 minutes, so that an event that
// reaches Application Insights late is still seen. They are stateful
// (autoMitigate): a condition that stays true notifies once per dimension
// value, and the alert resolves by itself once the events stop.

@description('Region of the alert rules: the region of the Application Insights component.')
param location string

@description('Resource ID of the Application Insights component the rules query.')
param appInsightsId string

@description('Prefix of the rule and action group names.')
param namePrefix string

@description('Email address of the operators who receive the alerts.')
param alertEmailAddress string

@description('Minutes between check cycles of the timer; the heartbeat rule fires when no cycle was logged for two of them.')
@minValue(1)
@maxValue(30)
param checkIntervalMinutes int = 5

@description('Failed invocations of the monitoring functions within 15 minutes that are tolerated before the rule fires; retries of one queue message each count.')
@minValue(0)
param functionFailureThreshold int = 2

param tags object = {}

var eventWindow = 'PT15M'
// Split the alert by every value of a dimension column.
var allValues = [
  '*'
]
var evaluationFrequency = 'PT5M'

resource operators 'Microsoft.Insights/actionGroups@2022-04-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'SyncGuard'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

var outageOpenedQuery = '''
traces
| where message startswith "SyncGuardEvent OutageOpened "
| extend e = parse_json(extract(@"^SyncGuardEvent \w+ (\{.*\})$", 1, message))
| where tostring(e.event) == "OutageOpened"
| extend Customer = strcat(tostring(e.customerName), " (", tostring(e.customerId), ")"),
    Application = strcat(tostring(e.applicationName), " (", tostring(e.applicationId), ")"),
    Environment = tostring(e.environment),
    FailureClass = tostring(e.failureClass)
| summarize Outages = count() by Customer, Application, Environment, FailureClass
'''

var functionFailuresQuery = '''
requests
| where success == false
| where operation_Name in ("scheduleConnectionChecks", "checkEpicorConnection", "recordPoisonCheck")
| summarize Failures = count() by FunctionName = operation_Name
'''

var poisonMessageQuery = '''
traces
| where message startswith "SyncGuardEvent PoisonMessage "
| extend e = parse_json(extract(@"^SyncGuardEvent \w+ (\{.*\})$", 1, message))
| where tostring(e.event) == "PoisonMessage"
| extend QueueName = tostring(e.queueName)
| summarize PoisonMessages = count() by QueueName
'''

// count() without "by" returns one row even when no heartbeat arrived, so the rule sees 0 rather than no result.
var heartbeatQueryTemplate = '''
traces
| where timestamp > ago(LOOKBACK_MINUTESm)
| where message startswith "SyncGuardEvent CheckCycleScheduled "
| extend e = parse_json(extract(@"^SyncGuardEvent \w+ (\{.*\})$", 1, message))
| where tostring(e.event) == "CheckCycleScheduled"
| summarize Heartbeats = count()
'''

var emailFailedQuery = '''
traces
| where message startswith "SyncGuardEvent AlertEmailFailed "
| extend e = parse_json(extract(@"^SyncGuardEvent \w+ (\{.*\})$", 1, message))
| where tostring(e.event) == "AlertEmailFailed"
| extend CustomerId = tostring(e.customerId), Kind = tostring(e.kind)
| summarize FailedEmails = count() by CustomerId, Kind
'''

var monitorFaultQuery = '''
traces
| where message startswith "SyncGuardEvent MonitorFault "
| extend e = parse_json(extract(@"^SyncGuardEvent \w+ (\{.*\})$", 1, message))
| where tostring(e.event) == "MonitorFault"
| extend Stage = tostring(e.stage)
| summarize Faults = count() by Stage
'''

var heartbeatLookbackMinutes = 2 * checkIntervalMinutes

var rules = [
  {
    key: 'outage-opened'
    displayName: 'Epicor Sync Guard: customer Epicor outage opened'
    description: 'A customer\'s Epicor connection failed and a new outage was opened (OutageOpened). The alert names the customer, application, environment and failure class; the customer\'s administrators were emailed.'
    severity: 2
    windowSize: eventWindow
    query: outageOpenedQuery
    measure: 'Outages'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [
      {
        name: 'Customer'
        operator: 'Include'
        values: allValues
      }
      {
        name: 'Application'
        operator: 'Include'
        values: allValues
      }
      {
        name: 'Environment'
        operator: 'Include'
        values: allValues
      }
      {
        name: 'FailureClass'
        operator: 'Include'
        values: allValues
      }
    ]
  }
  {
    key: 'function-failures'
    displayName: 'Epicor Sync Guard: monitoring functions failing'
    description: 'Invocations of scheduleConnectionChecks, checkEpicorConnection or recordPoisonCheck ended in an error (requests with success == false). Look at the exceptions of the function named in the alert.'
    severity: 1
    windowSize: eventWindow
    query: functionFailuresQuery
    measure: 'Failures'
    operator: 'GreaterThan'
    threshold: functionFailureThreshold
    dimensions: [
      {
        name: 'FunctionName'
        operator: 'Include'
        values: allValues
      }
    ]
  }
  {
    key: 'poison-messages'
    displayName: 'Epicor Sync Guard: connection checks reached the poison queue'
    description: 'A check message failed 5 deliveries and was moved to the poison queue (PoisonMessage): that target was not checked.'
    severity: 1
    windowSize: eventWindow
    query: poisonMessageQuery
    measure: 'PoisonMessages'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [
      {
        name: 'QueueName'
        operator: 'Include'
        values: allValues
      }
    ]
  }
  {
    key: 'no-heartbeat'
    displayName: 'Epicor Sync Guard: no check cycle scheduled'
    description: 'No CheckCycleScheduled event in the last ${heartbeatLookbackMinutes} minutes (two check intervals): the timer is not running, so no customer connection is checked.'
    severity: 1
    // The query narrows the look-back itself; the window only has to cover it.
    windowSize: 'PT1H'
    query: replace(heartbeatQueryTemplate, 'LOOKBACK_MINUTES', string(heartbeatLookbackMinutes))
    measure: 'Heartbeats'
    operator: 'LessThan'
    threshold: 1
    dimensions: []
  }
  {
    key: 'email-failures'
    displayName: 'Epicor Sync Guard: alert emails failing'
    description: 'Outage or recovery emails to customers could not be sent (AlertEmailFailed); each next check retries them. Check the Communication Services resource and the sender domain.'
    severity: 2
    windowSize: eventWindow
    query: emailFailedQuery
    measure: 'FailedEmails'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [
      {
        name: 'CustomerId'
        operator: 'Include'
        values: allValues
      }
      {
        name: 'Kind'
        operator: 'Include'
        values: allValues
      }
    ]
  }
  {
    key: 'monitor-faults'
    displayName: 'Epicor Sync Guard: monitor faults'
    description: 'The service itself failed at a stage (MonitorFault): a customer database, a Key Vault secret, the fan-out or a check. The alert names the stage.'
    severity: 2
    windowSize: eventWindow
    query: monitorFaultQuery
    measure: 'Faults'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [
      {
        name: 'Stage'
        operator: 'Include'
        values: allValues
      }
    ]
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.key}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        appInsightsId
      ]
      evaluationFrequency: evaluationFrequency
      windowSize: rule.windowSize
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Total'
            metricMeasureColumn: rule.measure
            operator: rule.operator
            threshold: rule.threshold
            dimensions: rule.dimensions
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: [
          operators.id
        ]
      }
    }
  }
]

output actionGroupId string = operators.id
output alertRuleNames array = [for rule in rules: '${namePrefix}-${rule.key}']
