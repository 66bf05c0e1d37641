import type { ReactNode } from 'react';
import { SCALING_RULES, formatDecimal } from '../../lib/formulas';

const factor = (low: number, high: number): string => (low === high ? `~${formatDecimal(low, 1)}×` : `${formatDecimal(low, 1)}×-${formatDecimal(high, 1)}×`);

/** The scaling rules of thumb, from the same data the formulas library exports. */
export default function ScalingRules(): ReactNode {
  return (
    <table>
      <thead>
        <tr>
          <th>Change</th>
          <th>Factor</th>
          <th>On</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(SCALING_RULES).map(([key, rule]) => (
          <tr key={key}>
            <td>{rule.scenario}</td>
            <td data-rule={key}>{factor(rule.low, rule.high)}</td>
            <td>{rule.effect}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
