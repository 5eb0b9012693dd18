// An Azure Monitor workbook over Application Insights: the app's own metrics (Meter "VoucherFunctions", see README
// "Telemetry"), which the Azure Monitor exporter writes to customMetrics (counters as deltas in value; histograms with
// valueCount and valueSum). Opens from the Application Insights resource under Workbooks.

@description('Name of the Application Insights component the workbook reads.')
param applicationInsightsName string

@description('Region of the workbook.')
param location string

@description('Tags for the workbook.')
param tags object = {}

@description('Title shown in the Workbooks gallery.')
param displayName string = 'VoucherFunctions operations'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// A chart of one KQL query over the time range chosen at the top of the workbook.
var timeRange = {
  durationMs: 86400000
}

var workbook = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        parameters: [
          {
            id: 'time-range'
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: timeRange
            typeSettings: {
              selectableValues: [
                { durationMs: 3600000 }
                { durationMs: 14400000 }
                { durationMs: 86400000 }
                { durationMs: 604800000 }
                { durationMs: 2592000000 }
              ]
            }
          }
        ]
      }
    }
    {
      type: 1
      name: 'about'
      content: {
        json: '## Bills, approvals and deliveries\nThe app\'s instruments (README "Telemetry"). Pending approvals are submissions less decisions and expiries within the time range: pick 30 days or more to see all open reviews.'
      }
    }
    {
      type: 3
      name: 'bills-per-second'
      content: {
        version: 'KqlItem/1.0'
        title: 'Bills per second, by outcome'
        query: 'customMetrics | where name == "voucher.bills" | extend outcome = tostring(customDimensions["voucher.bill.outcome"]) | summarize bills_per_second = sum(value) / 60.0 by bin(timestamp, 1m), outcome | render timechart'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'rejection-reasons'
      content: {
        version: 'KqlItem/1.0'
        title: 'Rejected bills by reason'
        query: 'customMetrics | where name == "voucher.bills" and tostring(customDimensions["voucher.bill.outcome"]) == "rejected" | summarize bills = sum(value) by reason = tostring(customDimensions["voucher.bill.rejection_reason"]) | order by bills desc'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'barchart'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'group-size'
      content: {
        version: 'KqlItem/1.0'
        title: 'Group commit: bills per group and time per group'
        query: 'customMetrics | where name in ("voucher.bill.group.size", "voucher.bill.group.duration") | summarize mean = sum(valueSum) / sum(valueCount) by bin(timestamp, 5m), name | extend series = iff(name == "voucher.bill.group.size", "bills per group", "ms per group"), mean = iff(name == "voucher.bill.group.size", mean, mean * 1000) | project timestamp, series, mean | render timechart'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'etag-conflicts'
      content: {
        version: 'KqlItem/1.0'
        title: 'ETag conflicts, by where and whether retried'
        query: 'customMetrics | where name == "voucher.storage.etag_conflicts" | extend series = strcat(tostring(customDimensions["voucher.retry.site"]), " ", tostring(customDimensions["voucher.retry.outcome"])) | summarize conflicts = sum(value) by bin(timestamp, 5m), series | render timechart'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'approvals'
      content: {
        version: 'KqlItem/1.0'
        title: 'Approvals: pending and overdue'
        query: 'customMetrics | where name in ("voucher.applications.submitted", "voucher.applications.decided", "voucher.applications.expired", "voucher.applications.overdue") | summarize n = sum(value) by name | summarize submitted = sumif(n, name == "voucher.applications.submitted"), decided = sumif(n, name == "voucher.applications.decided"), expired = sumif(n, name == "voucher.applications.expired"), overdue = sumif(n, name == "voucher.applications.overdue") | extend pending = submitted - decided - expired | project pending, overdue, submitted, decided, expired'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'time-to-decision'
      content: {
        version: 'KqlItem/1.0'
        title: 'Hours from submission to decision, and seconds from approval to vouchers issued'
        query: 'customMetrics | where name in ("voucher.application.decision.duration", "voucher.application.issuance.duration") | summarize mean = sum(valueSum) / sum(valueCount) by bin(timestamp, 1h), name | extend mean = iff(name == "voucher.application.decision.duration", mean / 3600.0, mean) | render timechart'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'webhook-failures'
      content: {
        version: 'KqlItem/1.0'
        title: 'Webhook deliveries that failed, by result and status'
        query: 'customMetrics | where name == "voucher.webhook.deliveries" and tostring(customDimensions["voucher.webhook.result"]) != "delivered" | extend series = strcat(tostring(customDimensions["voucher.webhook.result"]), " ", tostring(customDimensions["http.response.status_code"])) | summarize deliveries = sum(value) by bin(timestamp, 5m), series | render timechart'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'timechart'
        timeContextFromParameter: 'TimeRange'
      }
    }
    {
      type: 3
      name: 'http-requests'
      content: {
        version: 'KqlItem/1.0'
        title: 'API requests by operation and status'
        query: 'customMetrics | where name == "voucher.http.request.duration" | summarize requests = sum(valueCount), mean_ms = 1000 * sum(valueSum) / sum(valueCount) by operation = tostring(customDimensions["voucher.operation"]), status = tostring(customDimensions["http.response.status_code"]) | order by requests desc'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: 'table'
        timeContextFromParameter: 'TimeRange'
      }
    }
  ]
  isLocked: false
  fallbackResourceIds: [
    applicationInsights.id
  ]
}

resource operations 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, applicationInsights.id, 'voucher-operations')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string(workbook)
    version: 'Notebook/1.0'
  }
}

output id string = operations.id
